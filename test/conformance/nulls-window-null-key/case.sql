-- a NULL grouping key is a group of its own
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  i INT,
  b BIGINT,
  d DOUBLE,
  m DECIMAL(10, 2),
  s STRING,
  f BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  k STRING,
  n BIGINT,
  ni BIGINT,
  mx DECIMAL(10, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, k, COUNT(*), COUNT(i), MAX(m) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, k;
