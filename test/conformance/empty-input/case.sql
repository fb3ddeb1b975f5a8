-- an empty file: no window fires
CREATE TABLE t (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'empty.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  n BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;
