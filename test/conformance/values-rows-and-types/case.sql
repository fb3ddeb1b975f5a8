-- VALUES as a FROM item with column names, its column types the common type of its rows (INT with DECIMAL, DECIMAL
-- with DOUBLE), NULLs with a CAST, TIMESTAMP literals, expressions of literals; a VALUES table joined with another.
CREATE TABLE sink (
  id INT,
  amount DECIMAL(10, 2),
  ratio DOUBLE,
  name STRING,
  ts TIMESTAMP(3),
  flag BOOLEAN,
  label STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT t.id, t.amount, t.ratio, t.name, t.ts, t.flag, l.label
FROM (VALUES
  (1, 10, 0.5, 'a', TIMESTAMP '2024-01-01 00:00:01', TRUE),
  (2, 2.25, 1, 'bb', TIMESTAMP '2024-01-01 00:00:02.500', FALSE),
  (3 + 1, CAST(NULL AS DECIMAL(10, 2)), 1e1, CAST(NULL AS STRING), CAST(NULL AS TIMESTAMP(3)), CAST(NULL AS BOOLEAN)),
  (-5, -0.5, 2.0 / 4, UPPER('x') || 'y', TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '1' HOUR, 1 > 0)
) AS t (id, amount, ratio, name, ts, flag)
JOIN (VALUES (1, 'one'), (2, 'two'), (4, 'four'), (-5, 'minus five')) AS l (id, label) ON t.id = l.id;
