-- FLOAT: JSON input rounded to float32, arithmetic in float32 with Flink's result types (FLOAT op DOUBLE is a FLOAT,
-- DOUBLE op FLOAT a DOUBLE, FLOAT op DECIMAL a DOUBLE), comparisons, casts from and to STRING/INT/DECIMAL/DOUBLE,
-- and Java's Float.toString text (1.1, 3.3000002, 2.49999995E10).
CREATE TABLE t (
  ts TIMESTAMP(3),
  k INT,
  f FLOAT,
  d DOUBLE,
  i INT,
  s STRING
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k INT,
  f FLOAT,
  fd FLOAT,
  df DOUBLE,
  fi FLOAT,
  f3 FLOAT,
  fdec DOUBLE,
  nf FLOAT,
  eq_fd BOOLEAN,
  eq_df BOOLEAN,
  gt BOOLEAN,
  from_s FLOAT,
  from_i FLOAT,
  from_d FLOAT,
  to_s STRING,
  to_i INT,
  to_dec DECIMAL(20, 8),
  to_d DOUBLE,
  half_s STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, f, f + d, d + f, f + i, f * 3, f + 1.5, -f, f = d, d = f, f > 1,
  CAST(s AS FLOAT), CAST(i AS FLOAT), CAST(d AS FLOAT), CAST(f AS STRING), CAST(f AS INT), CAST(f AS DECIMAL(20, 8)),
  CAST(f AS DOUBLE), CAST(f / 3 AS STRING)
FROM t;
