INSERT INTO print_sink
SELECT part, COUNT(*)
FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
  CROSS JOIN UNNEST(ARRAY[item, supplier_id]) AS p (part)
WHERE part IS NOT NULL
GROUP BY window_start, window_end, part
