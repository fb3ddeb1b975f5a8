-- BIGINT beyond 2^53 stays exact through SUM/MIN/MAX
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
  s BIGINT,
  lo BIGINT,
  hi BIGINT,
  n BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, SUM(b), MIN(b), MAX(b), COUNT(DISTINCT b) FROM TABLE(TUMBLE(TABLE n, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, k;
