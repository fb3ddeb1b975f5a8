-- ORDER BY … FETCH FIRST 1 ROW ONLY: the cheapest row so far, as a changelog.
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
SELECT id, price FROM t ORDER BY price, id FETCH FIRST 1 ROW ONLY;
