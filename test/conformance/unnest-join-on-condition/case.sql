-- [INNER] JOIN UNNEST … ON a condition over the unnested column filters the joined rows (NULL is not TRUE)
CREATE TABLE t (
  id INT,
  tags ARRAY<STRING>
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  tag STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT t.id, x.tag
FROM t JOIN UNNEST(t.tags) AS x (tag) ON x.tag <> 'red';
