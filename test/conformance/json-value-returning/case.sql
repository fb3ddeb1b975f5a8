-- JSON_VALUE with RETURNING STRING / INT / DOUBLE / BOOLEAN, DEFAULT … ON EMPTY / ON ERROR, numbers as Java writes them (1e3 -> 1000.0, integers beyond 2^53 exact)
CREATE TABLE t (id INT, j STRING) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  s STRING,
  n STRING,
  i INT,
  i_default INT,
  i_strict INT,
  d DOUBLE,
  b BOOLEAN,
  s_defaults STRING,
  s_int_default STRING,
  strict_defaults STRING,
  null_on STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  JSON_VALUE(j, '$.s' RETURNING STRING) AS s,
  JSON_VALUE(j, 'lax $.n') AS n,
  JSON_VALUE(j, 'lax $.i' RETURNING INT) AS i,
  JSON_VALUE(j, 'lax $.i' RETURNING INT DEFAULT -1 ON EMPTY) AS i_default,
  JSON_VALUE(j, 'strict $.i' RETURNING INT DEFAULT -2 ON ERROR) AS i_strict,
  JSON_VALUE(j, 'lax $.d' RETURNING DOUBLE DEFAULT CAST(0 AS DOUBLE) ON EMPTY) AS d,
  JSON_VALUE(j, 'lax $.b' RETURNING BOOLEAN DEFAULT FALSE ON EMPTY) AS b,
  JSON_VALUE(j, 'lax $.s' DEFAULT 'none' ON EMPTY DEFAULT 'bad' ON ERROR) AS s_defaults,
  JSON_VALUE(j, 'lax $.missing' DEFAULT 42 ON EMPTY) AS s_int_default,
  JSON_VALUE(j, 'strict $.s' DEFAULT 'none' ON EMPTY DEFAULT 'bad' ON ERROR) AS strict_defaults,
  JSON_VALUE(j, 'lax $.s' NULL ON EMPTY NULL ON ERROR) AS null_on
FROM t;
