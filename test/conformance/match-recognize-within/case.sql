-- MATCH_RECOGNIZE ... WITHIN INTERVAL '1' HOUR (Flink docs' "Time constraint" example): drops of more than 10
-- over longer than an hour are not matches. The documented match (12:00 -> 13:00) spans exactly the interval; a
-- match starting 12:20 (diff 13) ends on the same row and would be emitted instead if that one were dropped.
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  dropTime TIMESTAMP(3),
  dropDiff BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      C.rowtime AS dropTime,
      A.price - C.price AS dropDiff
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B* C) WITHIN INTERVAL '1' HOUR
    DEFINE
      B AS B.price > A.price - 10,
      C AS C.price < A.price - 10
  ) MR;
