-- The standard row limit: OFFSET m ROWS FETCH NEXT n ROWS ONLY keeps rows m + 1 … m + n in arrival order, as LIMIT n
-- OFFSET m does (append-only).
CREATE TABLE t (
  id INT,
  grp STRING,
  price INT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  price INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, price FROM t OFFSET 1 ROWS FETCH NEXT 3 ROWS ONLY;
