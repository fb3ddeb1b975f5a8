-- ORDER BY … LIMIT by an aggregate the query does not select: it is computed with the query's GROUP BY as a hidden
-- column and dropped after the rank.
CREATE TABLE t (
  id INT,
  grp STRING,
  price INT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  grp STRING,
  n BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT grp, COUNT(*) AS n FROM t GROUP BY grp ORDER BY SUM(price) DESC LIMIT 1;
