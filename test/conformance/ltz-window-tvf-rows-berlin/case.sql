-- The rows of a TUMBLE over a TIMESTAMP_LTZ(3) rowtime in Europe/Berlin: the LTZ column passes through,
-- window_start / window_end are Berlin wall clocks, window_time an instant. (No late rows: Flink 1.20.1's standalone
-- window TVF keeps rows whose window has fired, Sluice drops them, for TIMESTAMP and TIMESTAMP_LTZ rowtimes alike.)
SET 'table.local-time-zone' = 'Europe/Berlin';

CREATE TABLE t (
  k STRING,
  v INT,
  epoch_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(epoch_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  v INT,
  ts TIMESTAMP_LTZ(3),
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  window_time TIMESTAMP_LTZ(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, v, ts, window_start, window_end, window_time
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR));
