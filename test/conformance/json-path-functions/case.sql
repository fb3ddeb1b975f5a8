-- Path functions as Flink 1.20 runs them (Jayway JsonPath): length() / size() of an array or object (nothing for a
-- scalar), min / max / avg / sum / stddev as DOUBLE over the numbers of an array (none: an error, in lax mode too),
-- first() / last() / index(n) (an empty array or an index out of range: an error), keys(), a function per item
-- after a wildcard, $..x[0].sum() over everything found, and a function in a filter operand
CREATE TABLE t (id INT, j STRING) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  len INT,
  len_strict STRING,
  obj_size STRING,
  str_len STRING,
  mn DOUBLE,
  av STRING,
  sm STRING,
  sd STRING,
  first_v STRING,
  last_v STRING,
  idx STRING,
  keys_q STRING,
  keys_exists BOOLEAN,
  per_item STRING,
  scan_sum STRING,
  len_in_filter STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  JSON_VALUE(j, 'lax $.v.length()' RETURNING INT DEFAULT -1 ON EMPTY) AS len,
  JSON_VALUE(j, 'strict $.v.length()' DEFAULT 'error' ON ERROR) AS len_strict,
  JSON_VALUE(j, 'lax $.o.size()') AS obj_size,
  JSON_VALUE(j, 'lax $.s.length()' DEFAULT 'empty' ON EMPTY DEFAULT 'error' ON ERROR) AS str_len,
  JSON_VALUE(j, 'lax $.v.min()' RETURNING DOUBLE) AS mn,
  JSON_VALUE(j, 'lax $.v.avg()' DEFAULT 'error' ON ERROR) AS av,
  JSON_VALUE(j, 'strict $.v.sum()' DEFAULT 'error' ON ERROR) AS sm,
  JSON_VALUE(j, 'lax $.v.stddev()') AS sd,
  JSON_VALUE(j, 'lax $.v.first()' DEFAULT 'error' ON ERROR) AS first_v,
  JSON_VALUE(j, 'lax $.v.last()' DEFAULT 'error' ON ERROR) AS last_v,
  JSON_VALUE(j, 'lax $.v.index(-2)' DEFAULT 'error' ON ERROR) AS idx,
  JSON_QUERY(j, 'lax $.o.keys()') AS keys_q,
  JSON_EXISTS(j, 'strict $.o.keys()') AS keys_exists,
  JSON_QUERY(j, 'lax $.o.*.v.length()') AS per_item,
  JSON_VALUE(j, 'lax $..v[0].sum()' DEFAULT 'error' ON ERROR) AS scan_sum,
  JSON_QUERY(j, 'lax $.o.*[?(@.v.length() > 1)].v') AS len_in_filter
FROM t;
