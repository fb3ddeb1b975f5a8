-- differential fuzzing: fuzz-hop-offset-late-row-dropped (minimized)
CREATE TABLE t (
  ts TIMESTAMP(3),
  k1 STRING,
  k2 INT,
  v1 DECIMAL(12, 4),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 TIMESTAMP(3),
  c1 TIMESTAMP(3),
  c2 STRING,
  c3 BIGINT,
  c4 BIGINT,
  c5 DECIMAL(38, 6)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, k1, GROUPING(k1), COUNT(v1), AVG(v1)
FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '30' SECOND, INTERVAL '6' SECOND))
GROUP BY window_start, window_end, GROUPING SETS ((k1), ()) HAVING COUNT(*) > 1;
