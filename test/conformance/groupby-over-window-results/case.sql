-- an unbounded GROUP BY over window results (window then changelog)
CREATE TABLE orders (
  ts TIMESTAMP(3),
  region STRING,
  shop STRING,
  qty INT,
  price DECIMAL(6, 2),
  amount AS qty * price,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'orders.json', 'format' = 'json');

CREATE TABLE sink (
  region STRING,
  windows BIGINT,
  qty INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT region, COUNT(*), SUM(q) FROM (SELECT window_start, region, SUM(qty) AS q FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, region) GROUP BY region;
