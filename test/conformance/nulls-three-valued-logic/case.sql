-- AND/OR/NOT with NULL booleans in WHERE and SELECT
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
  a BOOLEAN,
  o BOOLEAN,
  n BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT ts, f AND i > 2, f OR i > 2, NOT f FROM t WHERE f IS NULL OR NOT f OR i > 0;
