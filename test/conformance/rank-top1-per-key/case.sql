-- A top 1 per key over an append-only input (ROW_NUMBER() … <= 1 on a non-time column): the key's one row is replaced
-- by -U/+U, as Flink's FastTop1Function emits, also with the rank number selected.
CREATE TABLE t (
  id INT,
  grp STRING,
  price INT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  grp STRING,
  id INT,
  price INT,
  rn BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT grp, id, price, rn FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY price DESC) AS rn FROM t
) WHERE rn <= 1;
