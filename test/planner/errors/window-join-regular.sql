-- error: The window function requires the time column to be a time attribute (a column with a WATERMARK), but 'bidtime' is TIMESTAMP(3)
SELECT * FROM TABLE(TUMBLE((SELECT B.bidtime FROM Bid B JOIN orders O ON B.price = O.amount), DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
