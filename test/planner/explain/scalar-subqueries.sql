-- A correlated scalar subquery (COUNT: the CASE over no rows) and an uncorrelated one that may give several rows (SINGLE_VALUE)
INSERT INTO print_sink
SELECT item, (SELECT COUNT(*) FROM Bid b2 WHERE b2.supplier_id = b.supplier_id AND b2.price > 1) + (SELECT order_id FROM orders WHERE quantity = 7)
FROM Bid b
