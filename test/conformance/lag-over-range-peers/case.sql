-- LAG with the default frame (RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW): rows of equal time (peers) join
-- the frame together, so they share one result — the value before the last of them — as Flink's LagAggFunction gives.
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  s STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  s STRING,
  back1 STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, s, LAG(s, 1, 'none') OVER (PARTITION BY k ORDER BY ts)
FROM t;
