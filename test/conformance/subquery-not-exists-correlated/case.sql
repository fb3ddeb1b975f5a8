-- NOT EXISTS with a correlated key and a correlated non-equality: a NULL key has no match, so its row stays
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
SELECT id, cust, amount FROM orders o
WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.cust = o.cust AND o.amount <= c.max_amount);
