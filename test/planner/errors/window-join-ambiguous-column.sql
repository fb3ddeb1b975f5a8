-- error: Column 'window_start' is ambiguous; it could be any of: L.window_start, R.window_start at 2:8
SELECT window_start, L.item FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) L
JOIN TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTES)) R
ON L.window_start = R.window_start AND L.window_end = R.window_end
