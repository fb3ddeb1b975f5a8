-- error: IN (SELECT …) is not supported yet in WHERE, only as an AND-ed condition of WHERE at 2:39
SELECT * FROM Bid WHERE price > 10 OR item IN (SELECT item FROM Bid WHERE supplier_id = 'x')
