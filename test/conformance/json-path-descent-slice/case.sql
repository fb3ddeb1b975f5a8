-- Recursive descent (..key, ..[n], ..*), slices [a:b] / [a:] / [:b] (a negative start counts from the end, and
-- Jayway does not clamp it in [a:b]), index unions [0,2] (indexes out of range skipped) and member lists
-- ['a','b'] (an object of the members found), in lax and strict mode
CREATE TABLE t (id INT, j STRING) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  all_b STRING,
  all_b_strict STRING,
  b_then_b STRING,
  first_elements STRING,
  under_a STRING,
  every_value STRING,
  has_b BOOLEAN,
  slice_1_3 STRING,
  slice_from_neg STRING,
  slice_to STRING,
  slice_neg_start STRING,
  slice_strict STRING,
  union_idx STRING,
  union_strict STRING,
  members STRING,
  members_strict STRING,
  members_value STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  JSON_QUERY(j, 'lax $..b') AS all_b,
  JSON_QUERY(j, 'strict $..b' EMPTY OBJECT ON ERROR) AS all_b_strict,
  JSON_QUERY(j, 'lax $..b.b') AS b_then_b,
  JSON_QUERY(j, 'lax $..[0]') AS first_elements,
  JSON_QUERY(j, 'lax $.a..b') AS under_a,
  JSON_QUERY(j, 'lax $.a..*') AS every_value,
  JSON_EXISTS(j, 'lax $..b') AS has_b,
  JSON_QUERY(j, 'lax $.n[1:3]') AS slice_1_3,
  JSON_QUERY(j, 'lax $.n[-2:]') AS slice_from_neg,
  JSON_QUERY(j, 'lax $.n[:2]') AS slice_to,
  JSON_QUERY(j, 'lax $.n[-7:2]') AS slice_neg_start,
  JSON_QUERY(j, 'strict $.n[1:3]' EMPTY OBJECT ON ERROR) AS slice_strict,
  JSON_QUERY(j, 'lax $.n[0, 2, 9]') AS union_idx,
  JSON_QUERY(j, 'strict $.n[0,2]' EMPTY OBJECT ON ERROR) AS union_strict,
  JSON_QUERY(j, 'lax $.a[''b'',''x'']') AS members,
  JSON_QUERY(j, 'strict $.a[''b'',''x'']' EMPTY ARRAY ON ERROR) AS members_strict,
  JSON_VALUE(j, 'lax $.a[''b'',''x'']' DEFAULT 'empty' ON EMPTY) AS members_value
FROM t;
