SELECT L.item, L.price, R.price AS cheaper, L.window_start, L.window_end
FROM (SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))) L
LEFT JOIN (SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) WHERE supplier_id <> 'x') R
ON L.item = R.item AND L.window_start = R.window_start AND L.window_end = R.window_end AND L.price > R.price
