-- JOIN … USING: SELECT * shows each USING column once, first, then the other columns of each side; qualified
-- references still reach each side's column; an INT and a BIGINT USING column are compared as BIGINT.
CREATE TABLE sink (
  k INT,
  g BIGINT,
  x STRING,
  y STRING,
  bk INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *, b.k
FROM (VALUES (1, 10, 'a'), (2, 20, 'b'), (2, 21, 'b2'), (CAST(NULL AS INT), 30, 'n')) AS a (k, g, x)
JOIN (VALUES (1, CAST(10 AS BIGINT), 'A'), (2, CAST(21 AS BIGINT), 'B'), (CAST(NULL AS INT), CAST(30 AS BIGINT), 'N')) AS b (k, g, y)
USING (k, g);
