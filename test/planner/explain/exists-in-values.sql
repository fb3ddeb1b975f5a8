-- EXISTS and IN as values, under OR
SELECT item FROM Bid b WHERE EXISTS (SELECT 1 FROM Bid b2 WHERE b2.item = b.item AND b2.price > 10) OR item IN (SELECT supplier_id FROM Bid)
