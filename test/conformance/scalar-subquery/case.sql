-- Uncorrelated scalar subqueries in WHERE and SELECT: the rows priced above the average, with the maximum beside
-- them; both subqueries change as rows arrive, so the result is updating (compared as a final table, see NOTES.md).
CREATE TABLE t (
  ts TIMESTAMP(3),
  item STRING,
  price INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  item STRING,
  price INT,
  top_price INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT item, price, (SELECT MAX(price) FROM t) AS top_price
FROM t
WHERE price > (SELECT AVG(price) FROM t);
