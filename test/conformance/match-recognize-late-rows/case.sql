-- MATCH_RECOGNIZE on out-of-order input: rows above the watermark are sorted by rowtime before matching (01.5
-- before 02, 04.5 before 05); a row at (04) or below (02.5) the watermark when it arrives is dropped as late. Prices
-- rise with time, so (A B C) with rising prices matches only in rowtime order: (0,15,20), (30,45,50), (60,70,80).
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  startTime TIMESTAMP(3),
  aPrice BIGINT,
  bPrice BIGINT,
  cPrice BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      A.rowtime AS startTime,
      A.price AS aPrice,
      B.price AS bPrice,
      C.price AS cPrice
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B C)
    DEFINE
      B AS B.price > A.price,
      C AS C.price > B.price
  ) MR;
