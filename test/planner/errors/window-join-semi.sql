-- error: IN (SELECT …) is not supported yet (semi and anti joins, including Flink's window semi/anti joins) at 2:92
SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) L WHERE L.item IN (
  SELECT item FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) R
  WHERE L.window_start = R.window_start AND L.window_end = R.window_end)
