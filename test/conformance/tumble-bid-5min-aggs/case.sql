-- TUMBLE 5 min: every aggregate over DECIMAL
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  n BIGINT,
  total DECIMAL(38, 2),
  lo DECIMAL(10, 2),
  hi DECIMAL(10, 2),
  av DECIMAL(38, 6),
  lo_item STRING,
  hi_item STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, COUNT(*), SUM(price), MIN(price), MAX(price), AVG(price), MIN(item), MAX(item) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end;
