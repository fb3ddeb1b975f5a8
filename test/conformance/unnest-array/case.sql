-- CROSS JOIN UNNEST of an ARRAY<STRING> (a NULL element, an empty and a NULL array, duplicates), an expression over the element
CREATE TABLE t (
  id INT,
  tags ARRAY<STRING>,
  n ARRAY<INT>
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  tag STRING,
  tag_upper STRING,
  tag_count INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT t.id, x.tag, UPPER(x.tag), CARDINALITY(t.tags)
FROM t CROSS JOIN UNNEST(t.tags) AS x (tag);
