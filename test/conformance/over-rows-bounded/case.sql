-- ROWS BETWEEN 2 PRECEDING AND CURRENT ROW per key: rows out of order (on time) are processed in time order, rows
-- of equal time in arrival order, each seeing itself and the two rows before it; NULL values are not counted
CREATE TABLE t (
  ts TIMESTAMP(3),
  k INT,
  v BIGINT,
  WATERMARK FOR ts AS ts - INTERVAL '10' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k INT,
  ts TIMESTAMP(3),
  v BIGINT,
  s BIGINT,
  n BIGINT,
  lo BIGINT,
  hi BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, ts, v,
  SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),
  COUNT(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),
  MIN(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),
  MAX(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
FROM t;
