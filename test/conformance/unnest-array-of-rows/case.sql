-- UNNEST of an ARRAY of ROWs expands each element to the row's fields, renamed by the alias's column list; a NULL element produces no row
CREATE TABLE t (
  id INT,
  lines ARRAY<ROW<sku STRING, price DECIMAL(10, 2), n INT>>
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  sku STRING,
  price DECIMAL(10, 2),
  total DECIMAL(21, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT t.id, l.s, l.p, l.p * l.q
FROM t CROSS JOIN UNNEST(t.lines) AS l (s, p, q);
