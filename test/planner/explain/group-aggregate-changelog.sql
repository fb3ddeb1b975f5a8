INSERT INTO print_sink
SELECT item, COUNT(DISTINCT supplier_id) FROM Bid GROUP BY item
