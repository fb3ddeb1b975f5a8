SELECT item, price FROM Bid ORDER BY bidtime, price DESC
