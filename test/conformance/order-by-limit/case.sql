-- ORDER BY … LIMIT over an unbounded input: the top n rows by the keys, as a changelog (+I as a row enters, -D as it
-- is pushed out); ties keep arrival order; ordered by an expression over the output columns.
CREATE TABLE t (
  id INT,
  price INT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  price INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, price FROM t ORDER BY price * -1, id LIMIT 2;
