-- EXISTS as a value: in the SELECT list (correlated, so a NULL key gives FALSE) and under OR in WHERE (uncorrelated
-- and correlated), planned as LEFT joins with a marker that is TRUE while the subquery has a row.
CREATE TABLE orders (
  id STRING,
  cust INT,
  amount INT
) WITH ('connector' = 'filesystem', 'path' = 'orders.json', 'format' = 'json');

CREATE TABLE customers (
  cust INT,
  name STRING,
  max_amount INT
) WITH ('connector' = 'filesystem', 'path' = 'customers.json', 'format' = 'json');

CREATE TABLE sink (
  id STRING,
  known BOOLEAN,
  no_dee BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT
  id,
  EXISTS (SELECT 1 FROM customers c WHERE c.cust = o.cust) AS known,
  NOT EXISTS (SELECT * FROM customers c WHERE c.name = 'Dee' AND c.cust = o.cust) AS no_dee
FROM orders o
WHERE amount > 35 OR EXISTS (SELECT 1 FROM customers c WHERE c.cust = o.cust AND c.name <> 'Bob');
