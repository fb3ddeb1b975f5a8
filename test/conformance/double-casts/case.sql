-- CAST of DOUBLE to INT, BIGINT, DECIMAL and STRING
CREATE TABLE n (
  ts TIMESTAMP(3),
  k INT,
  b BIGINT,
  i INT,
  d DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  d DOUBLE,
  di INT,
  db BIGINT,
  dm DECIMAL(20, 4),
  ds STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT d, CAST(d AS INT), CAST(d AS BIGINT), CAST(d AS DECIMAL(20, 4)), CAST(d AS STRING) FROM n;
