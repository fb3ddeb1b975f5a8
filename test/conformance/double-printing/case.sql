-- DOUBLE values as Java prints them (1.0E10, 2.5E-5) through SUM/AVG/MIN/MAX
CREATE TABLE n (
  ts TIMESTAMP(3),
  k INT,
  b BIGINT,
  i INT,
  d DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k INT,
  s DOUBLE,
  a DOUBLE,
  lo DOUBLE,
  hi DOUBLE
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, SUM(d), AVG(d), MIN(d), MAX(d) FROM TABLE(TUMBLE(TABLE n, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, k;
