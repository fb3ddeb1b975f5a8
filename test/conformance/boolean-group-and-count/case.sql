-- GROUP BY a BOOLEAN key, COUNT of booleans
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
  f BOOLEAN,
  n BIGINT,
  nf BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, f, COUNT(*), COUNT(f) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '30' SECOND)) GROUP BY window_start, window_end, f;
