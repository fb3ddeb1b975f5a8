-- Daylight saving in America/Los_Angeles: on 2021-11-07 the clocks go back from 02:00 to 01:00, so the wall-clock
-- hour [01:00, 02:00) happens twice. A 1-hour TUMBLE over a TIMESTAMP_LTZ(3) rowtime: rows of both passes fall into
-- the one wall-clock window, which fires when the watermark passes the later 01:59:59.999.
SET 'table.local-time-zone' = 'America/Los_Angeles';

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
