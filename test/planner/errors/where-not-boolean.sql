-- error: WHERE must be a condition (BOOLEAN), but is DECIMAL(10, 2) at 2:28
SELECT item FROM Bid WHERE price
