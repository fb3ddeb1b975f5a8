-- Daylight saving in America/Los_Angeles: on 2021-03-14 the clocks jump from 02:00 to 03:00. Windows are split by
-- wall-clock time, rows assigned by their instant (Flink's timezone page): the 4-hour TUMBLE [00:00, 04:00) holds only
-- 3 hours of rows, the 1-hour window [02:00, 03:00) never gets a row.
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
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '4' HOUR))
GROUP BY window_start, window_end, window_time;
