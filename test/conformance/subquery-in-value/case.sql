-- IN (SELECT …) as a value, with SQL's three-valued logic: in the SELECT list (a NULL operand, or no match while the
-- subquery has a NULL, is NULL; NOT IN of NULL is NULL) and under OR in WHERE.
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
  not_capped BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT
  id,
  cust IN (SELECT cust FROM customers) AS known,
  amount NOT IN (SELECT max_amount FROM customers WHERE name <> 'Dee') AS not_capped
FROM orders
WHERE amount > 45 OR cust IN (SELECT cust FROM customers WHERE name LIKE 'Ann%');
