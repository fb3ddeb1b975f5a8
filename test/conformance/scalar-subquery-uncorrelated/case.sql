-- Uncorrelated scalar subqueries after a GROUP BY: in HAVING (the items whose total is above the average price) and
-- in the SELECT list, one that is not an aggregate (the price of item 'd': Calcite's SINGLE_VALUE, one row here).
-- Both subqueries change as rows arrive, so the result is updating (compared as a final table, see NOTES.md).
CREATE TABLE t (
  ts TIMESTAMP(3),
  item STRING,
  price INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  item STRING,
  total INT,
  d_price INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT item, SUM(price) AS total, (SELECT price FROM t WHERE item = 'd') AS d_price
FROM t
GROUP BY item
HAVING SUM(price) > (SELECT AVG(price) FROM t);
