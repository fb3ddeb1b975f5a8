-- unbounded GROUP BY two keys
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
  shop STRING,
  qty INT,
  hi DECIMAL(6, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT region, shop, SUM(qty), MAX(price) FROM orders GROUP BY region, shop;
