-- CAST of DECIMAL to narrower DECIMAL (half up), INT (truncation), DOUBLE and STRING
CREATE TABLE d (
  ts TIMESTAMP(3),
  k STRING,
  m DECIMAL(10, 2),
  q DECIMAL(5, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  m1 DECIMAL(11, 1),
  q0 DECIMAL(3, 0),
  mi INT,
  md DOUBLE,
  ms STRING,
  qs STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT CAST(m AS DECIMAL(11, 1)), CAST(q AS DECIMAL(3, 0)), CAST(m AS INT), CAST(m AS DOUBLE), CAST(m AS STRING), CAST(q AS STRING) FROM d;
