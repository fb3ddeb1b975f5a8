-- Path modes: without a mode a path is strict (as in Flink); strict turns a missing key, an index past the end, a key on an array, a JSON null or bad JSON into an error (ON ERROR), lax into an empty result (ON EMPTY)
CREATE TABLE t (id INT, j STRING) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  key_lax STRING,
  key_strict STRING,
  key_default_mode STRING,
  idx_lax STRING,
  idx_strict STRING,
  wild_lax STRING,
  wild_strict STRING,
  mixed_case STRING,
  quoted STRING,
  strict_empty STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  JSON_VALUE(j, 'lax $.a.b' DEFAULT 'empty' ON EMPTY DEFAULT 'error' ON ERROR) AS key_lax,
  JSON_VALUE(j, 'strict $.a.b' DEFAULT 'empty' ON EMPTY DEFAULT 'error' ON ERROR) AS key_strict,
  JSON_VALUE(j, '$.a.b' DEFAULT 'empty' ON EMPTY DEFAULT 'error' ON ERROR) AS key_default_mode,
  JSON_VALUE(j, 'lax $.a[2]' DEFAULT 'empty' ON EMPTY DEFAULT 'error' ON ERROR) AS idx_lax,
  JSON_VALUE(j, 'strict $.a[2]' DEFAULT 'empty' ON EMPTY DEFAULT 'error' ON ERROR) AS idx_strict,
  JSON_QUERY(j, 'lax $.a[*].b' EMPTY OBJECT ON EMPTY) AS wild_lax,
  JSON_QUERY(j, 'strict $.a[*].b' EMPTY OBJECT ON ERROR) AS wild_strict,
  JSON_VALUE(j, 'LAX $.a.b' DEFAULT 'empty' ON EMPTY) AS mixed_case,
  JSON_VALUE(j, 'strict $[''k y'']' DEFAULT 'error' ON ERROR) AS quoted,
  JSON_VALUE(j, 'strict $.nope' ERROR ON EMPTY) AS strict_empty
FROM t;
