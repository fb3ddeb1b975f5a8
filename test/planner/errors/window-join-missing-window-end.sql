-- error: Regular joins are not supported yet; a window join needs L.window_start = R.window_start AND L.window_end = R.window_end at 3:1
SELECT L.item, R.order_id FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) L
JOIN TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' MINUTES)) R ON L.window_start = R.window_start
