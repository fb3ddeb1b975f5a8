-- NULLS FIRST / NULLS LAST override where NULL keys sort (by default first ascending, last descending): DESC NULLS
-- FIRST puts rows without a price at the top.
CREATE TABLE t (
  id INT,
  price INT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  price INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, price FROM t ORDER BY price DESC NULLS FIRST, id ASC NULLS LAST LIMIT 3;
