-- ORDER BY … LIMIT n OFFSET m: ranks m + 1 … m + n by the sort key (an expression over the output columns), as a
-- changelog; and LIMIT with OFFSET alone is tested in test/engine/limit.test.ts.
CREATE TABLE t (
  id INT,
  price INT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  p INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, price * 2 AS p FROM t ORDER BY p LIMIT 2 OFFSET 1;
