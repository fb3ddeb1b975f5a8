-- JSON_QUERY: WITHOUT / WITH [CONDITIONAL | UNCONDITIONAL] [ARRAY] WRAPPER, EMPTY ARRAY / EMPTY OBJECT / NULL ON EMPTY and ON ERROR, wildcards, RETURNING ARRAY<STRING> (read through CARDINALITY, [n] and CAST: the oracle prints Java arrays by identity)
CREATE TABLE t (id INT, j STRING) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  plain STRING,
  uncond STRING,
  uncond2 STRING,
  cond STRING,
  no_wrapper STRING,
  empty_arr STRING,
  empty_obj STRING,
  strict_err STRING,
  strict_wrapped STRING,
  wild STRING,
  members STRING,
  whole STRING,
  arr_n INT,
  arr_1 STRING,
  arr_text STRING,
  arr_err INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  JSON_QUERY(j, 'lax $.v') AS plain,
  JSON_QUERY(j, 'lax $.v' WITH WRAPPER) AS uncond,
  JSON_QUERY(j, 'lax $.v' WITH UNCONDITIONAL ARRAY WRAPPER) AS uncond2,
  JSON_QUERY(j, 'lax $.v' WITH CONDITIONAL ARRAY WRAPPER) AS cond,
  JSON_QUERY(j, 'lax $.v' WITHOUT ARRAY WRAPPER) AS no_wrapper,
  JSON_QUERY(j, 'lax $.v' EMPTY ARRAY ON EMPTY) AS empty_arr,
  JSON_QUERY(j, 'lax $.v' EMPTY OBJECT ON EMPTY) AS empty_obj,
  JSON_QUERY(j, 'strict $.v' EMPTY ARRAY ON EMPTY EMPTY OBJECT ON ERROR) AS strict_err,
  JSON_QUERY(j, 'strict $.v' WITH CONDITIONAL WRAPPER NULL ON ERROR) AS strict_wrapped,
  JSON_QUERY(j, 'lax $.v[*].a') AS wild,
  JSON_QUERY(j, 'lax $.*') AS members,
  JSON_QUERY(j, '$') AS whole,
  CARDINALITY(JSON_QUERY(j, 'lax $.v' RETURNING ARRAY<STRING>)) AS arr_n,
  JSON_QUERY(j, 'lax $.v' RETURNING ARRAY<STRING>)[1] AS arr_1,
  CAST(JSON_QUERY(j, 'lax $.v' RETURNING ARRAY<STRING> WITH CONDITIONAL WRAPPER) AS STRING) AS arr_text,
  CARDINALITY(JSON_QUERY(j, 'strict $.v' RETURNING ARRAY<STRING> EMPTY ARRAY ON ERROR)) AS arr_err
FROM t;
