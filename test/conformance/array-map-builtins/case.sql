-- ARRAY_CONTAINS (values, NULL arrays), ARRAY_REVERSE, MAP_KEYS, MAP_VALUES (read through CARDINALITY and [n]: the oracle prints Java arrays by identity)
CREATE TABLE t (
  id INT,
  n ARRAY<INT>,
  m MAP<STRING, INT>
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  c_two BOOLEAN,
  c_null BOOLEAN,
  r_first INT,
  r_n INT,
  mk STRING,
  mv INT,
  mk_n INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  ARRAY_CONTAINS(n, 2),
  ARRAY_CONTAINS(n, CAST(NULL AS INT)),
  ARRAY_REVERSE(n)[1],
  CARDINALITY(ARRAY_REVERSE(n)),
  MAP_KEYS(m)[1],
  MAP_VALUES(m)[1],
  CARDINALITY(MAP_KEYS(m))
FROM t;
