-- CURRENT_WATERMARK(window_time) after a TUMBLE aggregation: a window's row is emitted when the watermark passes
-- its end, and sees the watermark before that one (as Flink, whose window operator emits before forwarding it)
CREATE TABLE t (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  n BIGINT,
  wm TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, COUNT(*), CURRENT_WATERMARK(window_time)
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, window_time;
