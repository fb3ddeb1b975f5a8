-- 10-second windows with a 3-second offset
CREATE TABLE e (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  s INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, SUM(v) FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '3' SECOND)) GROUP BY window_start, window_end;
