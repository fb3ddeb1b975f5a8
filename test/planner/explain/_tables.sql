CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE orders (
  order_id BIGINT,
  amount DOUBLE,
  quantity INT,
  ts TIMESTAMP(3),
  total AS amount * quantity,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'datagen', 'number-of-rows' = '10');

CREATE TABLE window_sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  total DECIMAL(10, 2)
) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv');

CREATE TABLE print_sink (item STRING, n BIGINT) WITH ('connector' = 'print');
