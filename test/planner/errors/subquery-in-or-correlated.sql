-- error: A correlated IN (SELECT …) is not supported yet outside an AND-ed condition of WHERE at 2:41
SELECT * FROM Bid b WHERE price > 10 OR item IN (SELECT item FROM Bid WHERE supplier_id = b.supplier_id)
