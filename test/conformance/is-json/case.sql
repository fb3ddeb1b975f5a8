-- IS [NOT] JSON [VALUE | SCALAR | ARRAY | OBJECT] over objects, arrays, scalars, bad JSON and NULL; as Jackson reads it, a repeated key is fine and text after the first value is not read
CREATE TABLE t (id INT, j STRING) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  v BOOLEAN,
  v2 BOOLEAN,
  sc BOOLEAN,
  arr BOOLEAN,
  obj BOOLEAN,
  not_v BOOLEAN,
  not_obj BOOLEAN,
  not_sc BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  j IS JSON AS v,
  j IS JSON VALUE AS v2,
  j IS JSON SCALAR AS sc,
  j IS JSON ARRAY AS arr,
  j IS JSON OBJECT AS obj,
  j IS NOT JSON AS not_v,
  j IS NOT JSON OBJECT AS not_obj,
  j IS NOT JSON SCALAR AS not_sc
FROM t;
