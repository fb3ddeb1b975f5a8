-- INSERT INTO … VALUES (a VALUES query converted to the sink's types), UNION ALL with a SELECT without FROM.
CREATE TABLE sink (
  a INT,
  b STRING,
  c DECIMAL(5, 1)
) WITH ('connector' = 'print');

INSERT INTO sink
VALUES (1, 'x', 1.5), (2, 'yy', 3)
UNION ALL
SELECT 3, LOWER('Z') || CAST(40 + 2 AS STRING), CAST(2.25 AS DECIMAL(5, 1));
