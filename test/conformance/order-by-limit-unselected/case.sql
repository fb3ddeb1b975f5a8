-- ORDER BY … LIMIT by columns the query does not select (one qualified by its table): the keys are read as hidden
-- columns and dropped after the rank.
CREATE TABLE t (
  id INT,
  grp STRING,
  price INT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id FROM t ORDER BY price DESC, t.id LIMIT 2;
