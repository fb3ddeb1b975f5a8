-- NULLs in every aggregate, including windows where a column is all NULL
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
  n BIGINT,
  ni BIGINT,
  si INT,
  ai INT,
  mi INT,
  xi INT,
  sb BIGINT,
  ab BIGINT,
  sd DOUBLE,
  ad DOUBLE,
  sm DECIMAL(38, 2),
  am DECIMAL(38, 6),
  mins STRING,
  maxs STRING,
  ds BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, COUNT(*), COUNT(i), SUM(i), AVG(i), MIN(i), MAX(i), SUM(b), AVG(b), SUM(d), AVG(d), SUM(m), AVG(m), MIN(s), MAX(s), COUNT(DISTINCT s) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
