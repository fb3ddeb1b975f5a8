-- error: ROW_NUMBER() needs an upper bound on its result in the enclosing query's WHERE, e.g. WHERE rownum <= 3 at 4:7
SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)))
WHERE rownum > 1
