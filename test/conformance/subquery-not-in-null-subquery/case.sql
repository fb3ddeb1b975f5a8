-- NOT IN over a subquery that returns a NULL: every NOT IN is unknown (or false), so nothing is output
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
  cust INT,
  amount INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, cust, amount FROM orders
WHERE amount NOT IN (SELECT max_amount FROM customers);
