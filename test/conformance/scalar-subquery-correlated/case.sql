-- Correlated scalar subqueries, decorrelated into LEFT joins with the subquery grouped by the correlation key: per
-- order, how many payments its customer made (0 without any: the COUNT bug) and the sum of the customer's payments
-- above 5 (NULL without any). The order with a NULL customer matches no payment, not even the NULL one.
CREATE TABLE orders (
  id STRING,
  cust INT,
  amount INT
) WITH ('connector' = 'filesystem', 'path' = 'orders.json', 'format' = 'json');

CREATE TABLE payments (
  cust INT,
  paid INT
) WITH ('connector' = 'filesystem', 'path' = 'payments.json', 'format' = 'json');

CREATE TABLE sink (
  id STRING,
  payments BIGINT,
  big_paid INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT
  id,
  (SELECT COUNT(*) FROM payments p WHERE p.cust = o.cust) AS payments,
  (SELECT SUM(paid) FROM payments p WHERE o.cust = p.cust AND p.paid > 5) AS big_paid
FROM orders o;
