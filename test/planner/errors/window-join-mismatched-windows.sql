-- error: A window join needs both inputs to use the same window, but the left input uses TUMBLE(size 10 min) and the right input HOP(slide 5 min, size 10 min) at 4:4
SELECT L.item, R.order_id FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) L
JOIN TABLE(HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)) R
ON L.window_start = R.window_start AND L.window_end = R.window_end
