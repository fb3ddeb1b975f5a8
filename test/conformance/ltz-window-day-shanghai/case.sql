-- A 1-DAY TUMBLE over a TIMESTAMP_LTZ(3) rowtime with 'table.local-time-zone' = 'Asia/Shanghai' (UTC+8): each day
-- starts at Shanghai midnight (16:00 UTC the day before), not at UTC midnight.
SET 'table.local-time-zone' = 'Asia/Shanghai';

CREATE TABLE t (
  k STRING,
  v INT,
  epoch_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(epoch_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  window_time TIMESTAMP_LTZ(3),
  cnt BIGINT,
  total INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, window_time, COUNT(*), SUM(v)
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' DAY))
GROUP BY window_start, window_end, window_time;
