-- SUM/AVG/MIN/MAX of DECIMAL(10, 2) at its limits
CREATE TABLE d (
  ts TIMESTAMP(3),
  k STRING,
  m DECIMAL(10, 2),
  q DECIMAL(5, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  s DECIMAL(38, 2),
  a DECIMAL(38, 6),
  lo DECIMAL(10, 2),
  hi DECIMAL(10, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, SUM(m), AVG(m), MIN(m), MAX(m) FROM TABLE(TUMBLE(TABLE d, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, k;
