-- MATCH_RECOGNIZE ONE ROW PER MATCH (Flink docs' "Output Mode" example): the output is the partition columns then
-- the measures. No AFTER MATCH clause: Flink's default is SKIP TO NEXT ROW, so the matches starting at 12 and at 13
-- (ending on the same row as the first) are emitted too.
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  startPrice BIGINT,
  topPrice BIGINT,
  lastPrice BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      FIRST(A.price) AS startPrice,
      LAST(A.price) AS topPrice,
      B.price AS lastPrice
    ONE ROW PER MATCH
    PATTERN (A+ B)
    DEFINE
      A AS LAST(A.price, 1) IS NULL OR A.price > LAST(A.price, 1),
      B AS B.price < LAST(A.price)
  ) MR;
