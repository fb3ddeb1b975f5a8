-- window aggregation grouped by two keys, with a computed column
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
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  region STRING,
  shop STRING,
  n BIGINT,
  qty INT,
  amount DECIMAL(38, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, region, shop, COUNT(*), SUM(qty), SUM(amount) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, region, shop;
