-- differential fuzzing: fuzz seed 1029 (minimized)
CREATE TABLE t (
  ts TIMESTAMP(3),
  k1 STRING,
  k2 INT,
  v1 DECIMAL(12, 4),
  v2 DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '10' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 TIMESTAMP(3),
  c1 STRING,
  c2 STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT ts, k1 || '-' || CAST(v1 AS STRING), CAST(v2 AS STRING) FROM t WHERE NOT (v1 <= -5);
