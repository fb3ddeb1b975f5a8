-- 1-day windows over a leap day
CREATE TABLE e (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  n BIGINT,
  s INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, COUNT(*), SUM(v) FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '1' DAY)) GROUP BY window_start, window_end;
