-- unbounded GROUP BY with NULL keys and NULL values
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
  k STRING,
  n BIGINT,
  si INT,
  mn DOUBLE,
  ds BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, COUNT(*), SUM(i), MIN(d), COUNT(DISTINCT s) FROM t GROUP BY k;
