-- LIMIT without ORDER BY over an unbounded (append-only) input: the first n rows in arrival order, append-only.
CREATE TABLE t (
  id INT,
  s STRING
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  s STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, UPPER(s) FROM t WHERE id <> 2 LIMIT 3;
