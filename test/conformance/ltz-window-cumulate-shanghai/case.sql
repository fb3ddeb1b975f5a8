-- CUMULATE (step 6 hours, max 1 day) over a TIMESTAMP_LTZ(3) rowtime in Asia/Shanghai: the day starts at
-- Shanghai midnight and grows in 6-hour steps of Shanghai wall-clock time.
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
FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '6' HOUR, INTERVAL '1' DAY))
GROUP BY window_start, window_end, window_time;
