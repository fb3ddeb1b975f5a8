-- Semi joins: IN (SELECT …) AND-ed with a filter, and a correlated EXISTS with a non-equality (NULL keys match nothing)
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
WHERE amount > 15
  AND cust IN (SELECT cust FROM customers WHERE name <> 'Ann')
  AND EXISTS (SELECT 1 FROM customers c WHERE c.cust = o.cust AND o.amount <= c.max_amount);
