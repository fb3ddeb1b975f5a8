-- error: Window Top-N and deduplication directly on a SESSION window TVF are not supported (nor are they in Flink); aggregate the session windows first at 2:26
SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bidtime DESC) AS rownum
  FROM TABLE(SESSION(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)))
WHERE rownum <= 1
