-- a filter over window results in an outer query
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  supplier_id STRING,
  total DECIMAL(38, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT ws, sid, total FROM (SELECT window_start AS ws, supplier_id AS sid, SUM(price) AS total FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, supplier_id) WHERE total >= 6;
