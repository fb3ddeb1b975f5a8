-- Path filters [?( … )] as Flink 1.20 runs them (Jayway JsonPath): comparisons with numbers, strings, booleans and
-- null, a root operand ($.limit), &&, ||, !( ), regex =~; a filter selects a list (JSON_VALUE of it is empty in lax
-- mode and an error in strict mode); a filter applies to an object as to a one-element array; in lax mode a missing
-- operand is JSON null, in strict mode it compares with nothing (so != holds); a filter on a scalar is an error
CREATE TABLE t (id INT, j STRING) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  big_qty STRING,
  big_qty_strict STRING,
  over_limit STRING,
  red_or_blue STRING,
  not_small STRING,
  qty_is_7 STRING,
  tag_null_lax STRING,
  tag_null_strict STRING,
  tag_ne_lax STRING,
  tag_ne_strict STRING,
  on_true STRING,
  any_big BOOLEAN,
  any_big_strict BOOLEAN,
  first_big_value STRING,
  first_big_strict STRING,
  wrapped STRING,
  object_items STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  JSON_QUERY(j, 'lax $.items[?(@.qty > 3)].sku') AS big_qty,
  JSON_QUERY(j, 'strict $.items[?(@.qty > 3)].sku' EMPTY OBJECT ON ERROR) AS big_qty_strict,
  JSON_QUERY(j, 'lax $.items[?(@.qty >= $.limit && @.sku != "c")].sku') AS over_limit,
  JSON_QUERY(j, 'lax $.items[?(@.tag == ''red'' || @.tag =~ /blue/i)].sku') AS red_or_blue,
  JSON_QUERY(j, 'lax $.items[?(!(@.qty < 5))].qty') AS not_small,
  JSON_QUERY(j, 'lax $.items[?(@.qty == 7)].sku') AS qty_is_7,
  JSON_QUERY(j, 'lax $.items[?(@.tag == null)].sku') AS tag_null_lax,
  JSON_QUERY(j, 'strict $.items[?(@.tag == null)].sku' EMPTY OBJECT ON ERROR) AS tag_null_strict,
  JSON_QUERY(j, 'lax $.items[?(@.tag != "red")].sku') AS tag_ne_lax,
  JSON_QUERY(j, 'strict $.items[?(@.tag != "red")].sku' EMPTY OBJECT ON ERROR) AS tag_ne_strict,
  JSON_QUERY(j, 'lax $.items[?(@.on == true)]') AS on_true,
  JSON_EXISTS(j, 'lax $.items[?(@.qty > 10)]') AS any_big,
  JSON_EXISTS(j, 'strict $.items[?(@.qty > 10)]' UNKNOWN ON ERROR) AS any_big_strict,
  JSON_VALUE(j, 'lax $.items[?(@.qty > 3)].sku' DEFAULT 'empty' ON EMPTY DEFAULT 'error' ON ERROR) AS first_big_value,
  JSON_VALUE(j, 'strict $.items[?(@.qty > 3)].sku' DEFAULT 'empty' ON EMPTY DEFAULT 'error' ON ERROR) AS first_big_strict,
  JSON_QUERY(j, 'lax $.items[?(@.qty > 3)].qty' WITH CONDITIONAL WRAPPER) AS wrapped,
  JSON_QUERY(j, 'lax $.*[?(@.sku.length() > 0 || @.qty > 8)].sku') AS object_items
FROM t;
