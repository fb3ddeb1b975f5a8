-- NOT IN with SQL's NULL semantics: a NULL operand is unknown when the subquery has rows; a NULL in the subquery
-- (max_amount of Dee) would make every NOT IN unknown, so it is filtered out here; NOT IN over a filtered subquery
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
WHERE cust NOT IN (SELECT cust FROM customers WHERE cust IS NOT NULL)
  AND amount NOT IN (SELECT max_amount FROM customers WHERE max_amount IS NOT NULL);
