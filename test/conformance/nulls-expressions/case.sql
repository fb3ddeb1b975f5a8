-- NULL through arithmetic, comparison, CASE, COALESCE, NULLIF, IF and ||
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
  plus INT,
  cmp BOOLEAN,
  c STRING,
  co BIGINT,
  nu INT,
  iff STRING,
  cat STRING,
  isn BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, i + 1, d > 1.0, CASE WHEN i > 2 THEN 'big' WHEN i IS NULL THEN 'none' ELSE 'small' END, COALESCE(b, CAST(i AS BIGINT), -1), NULLIF(i, 3), IF(f, 'T', 'F'), k || s, m IS NOT NULL FROM t;
