-- 1-hour windows with a 15-minute offset
CREATE TABLE e (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  n BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '15' MINUTE)) GROUP BY window_start, window_end;
