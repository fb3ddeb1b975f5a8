-- millisecond timestamps across 1 s windows, printing of .500 and .999
CREATE TABLE e (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  n BIGINT,
  first_ts TIMESTAMP(3),
  last_ts TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, COUNT(*), MIN(ts), MAX(ts) FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end;
