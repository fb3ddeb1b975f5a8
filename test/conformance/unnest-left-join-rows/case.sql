-- LEFT JOIN UNNEST … ON TRUE of an ARRAY of ROWs: an empty, a NULL and an all-NULL-elements array are NULL-padded once
CREATE TABLE t (
  id INT,
  lines ARRAY<ROW<sku STRING, n INT>>
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  sku STRING,
  n INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT t.id, l.sku, l.n
FROM t LEFT JOIN UNNEST(t.lines) AS l (sku, n) ON TRUE;
