-- Two UNNESTs in a row without column aliases: an ARRAY's element is EXPR$0, a MAP's entries KEY and VALUE
CREATE TABLE t (
  id INT,
  tags ARRAY<STRING>,
  qty MAP<STRING, INT>
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  tag STRING,
  k STRING,
  v INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, EXPR$0, KEY, `VALUE`
FROM t CROSS JOIN UNNEST(tags) CROSS JOIN UNNEST(qty);
