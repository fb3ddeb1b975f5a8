-- unicode strings as window grouping keys
CREATE TABLE people (
  ts TIMESTAMP(3),
  name STRING,
  city STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  city STRING,
  n BIGINT,
  total INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, city, COUNT(*), SUM(v) FROM TABLE(TUMBLE(TABLE people, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, city;
