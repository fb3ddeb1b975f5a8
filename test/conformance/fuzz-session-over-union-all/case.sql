-- differential fuzzing: fuzz-session-over-union-all (minimized)
CREATE TABLE t (
  ts TIMESTAMP(3),
  k1 STRING,
  k2 INT,
  v1 DECIMAL(12, 4),
  v2 DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 TIMESTAMP(3),
  c1 TIMESTAMP(3),
  c2 STRING,
  c3 INT,
  c4 BIGINT,
  c5 DECIMAL(38, 6),
  c6 DECIMAL(38, 4)
) WITH ('connector' = 'print');

CREATE VIEW u AS
SELECT ts, k1, k2, v1, v2 FROM t
UNION ALL
SELECT ts, k1, k2, v1, v2 FROM t WHERE v2 > 0;

INSERT INTO sink
SELECT window_start, window_end, k1, k2, COUNT(v1), AVG(v1), SUM(v1)
FROM TABLE(SESSION(TABLE u, DESCRIPTOR(ts), INTERVAL '1' SECOND)) WHERE k1 IN ('a', 'c')
GROUP BY window_start, window_end, k1, k2;
