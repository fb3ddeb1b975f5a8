-- no PARTITION BY (one partition) and only ORDER BY (Flink's default frame: RANGE BETWEEN UNBOUNDED PRECEDING AND
-- CURRENT ROW): running totals in time order, peers share their totals; rows behind the watermark are dropped
CREATE TABLE t (
  ts TIMESTAMP(3),
  v DECIMAL(10, 2),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  ts TIMESTAMP(3),
  v DECIMAL(10, 2),
  s DECIMAL(38, 2),
  n BIGINT,
  hi DECIMAL(10, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT ts, v, SUM(v) OVER (ORDER BY ts), COUNT(*) OVER (ORDER BY ts), MAX(v) OVER (ORDER BY ts)
FROM t;
