SELECT item, window_start, COUNT(*) AS bids, MAX(price) AS top
FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '1' HOUR, INTERVAL '15' MINUTES))
WHERE price > 1.5 AND item IS NOT NULL
GROUP BY item, window_start, window_end
HAVING COUNT(*) > 1
