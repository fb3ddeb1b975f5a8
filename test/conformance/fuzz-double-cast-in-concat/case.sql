-- differential fuzzing: fuzz seed 1023 (minimized)
CREATE TABLE t (
  ts TIMESTAMP(3),
  k1 STRING,
  v1 BIGINT,
  v2 DOUBLE,
  v3 DECIMAL(12, 4),
  WATERMARK FOR ts AS ts - INTERVAL '10' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 TIMESTAMP(3),
  c1 BOOLEAN,
  c2 STRING,
  c3 STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT ts, v3 IS NULL, COALESCE(k1, 'none'), k1 || '-' || CAST(v2 AS STRING) FROM t;
