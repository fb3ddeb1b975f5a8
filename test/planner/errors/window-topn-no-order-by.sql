-- error: RANK() needs ORDER BY in its OVER clause at 2:38
SELECT * FROM (SELECT *, RANK() OVER (PARTITION BY window_start, window_end) AS r
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))) WHERE r <= 3
