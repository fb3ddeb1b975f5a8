-- error: HOP window size must be an integral multiple of its slide, but size is 10 min and slide is 3 min at 2:79
SELECT * FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '3' MINUTES, INTERVAL '10' MINUTES))
