-- differential fuzzing: fuzz-session-group-keys-changelog (minimized)
CREATE TABLE t (
  ts TIMESTAMP(3),
  k1 STRING,
  k2 INT,
  v1 DECIMAL(10, 2),
  v2 DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '10' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 TIMESTAMP(3),
  c1 TIMESTAMP(3),
  c2 STRING,
  c3 BIGINT,
  c4 BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, k1, COUNT(DISTINCT k1), COUNT(v1)
FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end, k1;
