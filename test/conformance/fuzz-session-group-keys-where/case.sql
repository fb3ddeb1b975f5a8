-- differential fuzzing: fuzz-session-group-keys-where (minimized)
CREATE TABLE t (
  ts TIMESTAMP(3),
  k1 STRING,
  k2 INT,
  v1 DECIMAL(10, 2),
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 TIMESTAMP(3),
  c1 TIMESTAMP(3),
  c2 INT,
  c3 STRING,
  c4 DECIMAL(38, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, k2, k1, SUM(v1)
FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) WHERE NOT (v1 <= -5)
GROUP BY window_start, window_end, k2, k1;
