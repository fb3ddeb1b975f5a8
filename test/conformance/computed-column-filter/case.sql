-- a computed column in WHERE and SELECT
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
  ts TIMESTAMP(3),
  shop STRING,
  amount DECIMAL(17, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT ts, shop, amount FROM orders WHERE amount > 3;
