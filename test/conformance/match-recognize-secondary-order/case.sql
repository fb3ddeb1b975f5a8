-- MATCH_RECOGNIZE ORDER BY rowtime, price DESC: rows of one rowtime are matched in descending price order, not in
-- arrival order. (A B C) accepts any three rows, so with SKIP PAST LAST ROW the matches cut the sorted sequence
-- 3 1 | 6 5 4 2 | 9 8 7 into consecutive triples: (3,1,6), (5,4,2), (9,8,7).
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  aPrice BIGINT,
  bPrice BIGINT,
  cPrice BIGINT,
  aTime TIMESTAMP(3),
  cTime TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime, price DESC
    MEASURES
      A.price AS aPrice,
      B.price AS bPrice,
      C.price AS cPrice,
      A.rowtime AS aTime,
      C.rowtime AS cTime
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B C)
    DEFINE
      A AS A.tax > 0
  ) MR;
