-- DECIMAL +, -, *, / with Flink's precision and scale rules
CREATE TABLE d (
  ts TIMESTAMP(3),
  k STRING,
  m DECIMAL(10, 2),
  q DECIMAL(5, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  p DECIMAL(12, 3),
  d DECIMAL(12, 3),
  t DECIMAL(16, 5),
  r DECIMAL(38, 10)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, m + q, m - q, m * q, m / 3 FROM d;
