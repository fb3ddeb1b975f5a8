-- error: Column count mismatch: the query produces 1 column but table 'window_sink' expects 3 at 2:25
INSERT INTO window_sink SELECT bidtime FROM Bid
