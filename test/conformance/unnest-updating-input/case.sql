-- UNNEST over an updating input (an unbounded GROUP BY): every produced row carries its input row's change kind (-U/+U)
CREATE TABLE t (
  k STRING,
  v INT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  x BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT g.k, x
FROM (SELECT k, ARRAY[c, s] AS arr FROM (SELECT k, COUNT(*) AS c, CAST(SUM(v) AS BIGINT) AS s FROM t GROUP BY k)) g
CROSS JOIN UNNEST(g.arr) AS u (x);
