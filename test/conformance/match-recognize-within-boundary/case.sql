-- MATCH_RECOGNIZE WITHIN bound: a match whose last row is 9.999 s after its first is kept; one whose last row is
-- exactly the interval (10 s) or more after its first is dropped (Flink's bound is exclusive).
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  aTime TIMESTAMP(3),
  bTime TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      A.rowtime AS aTime,
      B.rowtime AS bTime
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B) WITHIN INTERVAL '10' SECOND
    DEFINE
      A AS A.tax = 1,
      B AS B.tax = 2
  ) MR;
