-- A 1-hour TUMBLE over a TIMESTAMP_LTZ(3) rowtime (TO_TIMESTAMP_LTZ(epoch_ms, 3)) in Asia/Kolkata (UTC+05:30):
-- windows are aligned to whole hours of the session time zone (so at :30 UTC); window_start / window_end are
-- TIMESTAMP(3) wall clocks there, window_time the TIMESTAMP_LTZ(3) instant of the window's last millisecond; one row
-- arrives after its window fired and is dropped.
SET 'table.local-time-zone' = 'Asia/Kolkata';

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
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, window_time;
