-- MATCH_RECOGNIZE with an aggregate in DEFINE and MEASURES (the AVG example of Flink's docs): A+ grows while
-- AVG(A.price) < 15, B takes the row that breaks it, SKIP PAST LAST ROW. AVG over BIGINT is a BIGINT (integer
-- average) in Flink; the DOUBLE average is measured too.
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  start_tstamp TIMESTAMP(3),
  end_tstamp TIMESTAMP(3),
  avgPrice BIGINT,
  avgPriceDouble DOUBLE
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      FIRST(A.rowtime) AS start_tstamp,
      LAST(A.rowtime) AS end_tstamp,
      AVG(A.price) AS avgPrice,
      AVG(CAST(A.price AS DOUBLE)) AS avgPriceDouble
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A+ B)
    DEFINE
      A AS AVG(A.price) < 15
  ) MR;
