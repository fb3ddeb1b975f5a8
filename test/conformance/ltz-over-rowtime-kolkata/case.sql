-- OVER (PARTITION BY k ORDER BY an LTZ rowtime RANGE 1 HOUR PRECEDING) in Asia/Kolkata.
SET 'table.local-time-zone' = 'Asia/Kolkata';

CREATE TABLE t (
  k STRING,
  v INT,
  epoch_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(epoch_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  ts TIMESTAMP_LTZ(3),
  wall TIMESTAMP(3),
  cnt BIGINT,
  total INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, ts, CAST(ts AS TIMESTAMP(3)), COUNT(*) OVER w, SUM(v) OVER w
FROM t
WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW);
