-- CSV input with quoted fields, NULL literals and an empty string
CREATE TABLE orders (
  ts TIMESTAMP(3),
  region STRING,
  shop STRING,
  qty INT,
  price DECIMAL(6, 2),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'orders.csv', 'format' = 'csv', 'csv.null-literal' = 'NULL');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  region STRING,
  n BIGINT,
  qty INT,
  hi DECIMAL(6, 2),
  shops BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, region, COUNT(*), SUM(qty), MAX(price), COUNT(DISTINCT shop) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, region;
