-- error: HOP windows are not supported yet (only TUMBLE) at 2:21
SELECT * FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
