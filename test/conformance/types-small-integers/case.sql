-- TINYINT and SMALLINT: JSON columns, arithmetic that keeps the type (and wraps), widening when mixed, CASTs that narrow
CREATE TABLE n (
  ts TIMESTAMP(3),
  b TINYINT,
  s SMALLINT,
  i INT,
  d DOUBLE,
  t STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  b TINYINT,
  s SMALLINT,
  bb TINYINT,
  ss SMALLINT,
  bs SMALLINT,
  bi INT,
  nb TINYINT,
  bmod TINYINT,
  ib TINYINT,
  is2 SMALLINT,
  db TINYINT,
  tb TINYINT,
  bt STRING,
  bd DECIMAL(6, 2),
  gt BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT b, s, b + b, s * s, b + s, b + i, -b, b % CAST(3 AS TINYINT), CAST(i AS TINYINT), CAST(i AS SMALLINT),
  CAST(d AS TINYINT), CAST(t AS TINYINT), CAST(b AS STRING), CAST(s AS DECIMAL(6, 2)), b > s
FROM n;
