-- FULL JOIN … USING: the USING column is the first non-NULL of both sides (COALESCE), so rows of either side alone
-- keep their key; NULL keys match nothing.
CREATE TABLE sink (
  k INT,
  x STRING,
  y STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM (VALUES (1, 'a'), (2, 'b'), (CAST(NULL AS INT), 'n')) AS a (k, x)
FULL JOIN (VALUES (1, 'A'), (3, 'C'), (CAST(NULL AS INT), 'N')) AS b (k, y)
USING (k);
