-- error: Unknown column 'pric' at 4:7 (did you mean 'price'?)
SELECT window_start,
  window_end,
  SUM(pric) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
GROUP BY window_start, window_end
