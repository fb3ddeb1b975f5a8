-- error: CUMULATE window max size must be an integral multiple of its step, but size is 10 min and step is 4 min at 2:84
SELECT * FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '4' MINUTES, INTERVAL '10' MINUTES))
