-- error: Expression 'item' is not being grouped at 2:8 (add it to GROUP BY or use it inside an aggregate function)
SELECT item, COUNT(*) FROM Bid
