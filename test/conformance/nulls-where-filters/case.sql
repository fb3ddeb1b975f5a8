-- comparisons with NULL filter rows out
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
  ts TIMESTAMP(3),
  i INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT ts, i FROM t WHERE i > 1 OR i <= 1 OR b = 10;
