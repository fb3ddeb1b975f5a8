-- ORDER BY an event-time attribute without LIMIT: a temporal sort. Rows leave in time order as the watermark passes
-- them, rows of one time ordered by the next key; a row at or below the last time emitted is dropped as late, one
-- behind the watermark but ahead of everything emitted is still sorted in.
CREATE TABLE t (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  v INT,
  ts TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT v, ts FROM t ORDER BY ts, v DESC;
