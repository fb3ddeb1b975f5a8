-- error: Table sink 'window_sink' (connector 'filesystem') doesn't support consuming update changes
INSERT INTO window_sink SELECT MAX(bidtime), MAX(bidtime), SUM(price) FROM Bid GROUP BY item
