-- error: Cannot apply '+' to arguments of type STRING and INT at 2:8
SELECT item + 1 FROM Bid
