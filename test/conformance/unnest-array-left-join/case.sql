-- LEFT JOIN UNNEST … ON TRUE keeps rows with an empty or NULL array (NULL-padded); the comma form of an INT array filtered in WHERE
CREATE TABLE t (
  id INT,
  tags ARRAY<STRING>,
  n ARRAY<INT>
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  tag STRING,
  is_null BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, tag, tag IS NULL
FROM t LEFT JOIN UNNEST(tags) AS x (tag) ON TRUE;
