-- MATCH_RECOGNIZE AFTER MATCH SKIP PAST LAST ROW (Flink docs' "After Match Strategy" example): the next match
-- starts after the last row of the previous one, so every row belongs to at most one match.
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  sumPrice BIGINT,
  startTime TIMESTAMP(3),
  endTime TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      SUM(A.price) AS sumPrice,
      FIRST(rowtime) AS startTime,
      LAST(rowtime) AS endTime
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A+ C)
    DEFINE
      A AS SUM(A.price) < 30
  ) MR;
