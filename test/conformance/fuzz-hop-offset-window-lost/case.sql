-- differential fuzzing: fuzz seed 90037 (minimized, filter and HAVING removed)
CREATE TABLE t (
  ts TIMESTAMP(3),
  k1 STRING,
  v1 DECIMAL(10, 2),
  v2 BIGINT,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 TIMESTAMP(3),
  c1 TIMESTAMP(3),
  c2 BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, COUNT(*)
FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '30' SECOND, INTERVAL '9' SECOND))
GROUP BY window_start, window_end;
