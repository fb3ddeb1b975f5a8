-- LEFT temporal join with a residual condition on the version: orders without a (matching) version are NULL-padded
CREATE TABLE rates_log (
  update_time TIMESTAMP(3),
  currency STRING,
  rate INT,
  WATERMARK FOR update_time AS update_time
) WITH ('connector' = 'filesystem', 'path' = 'rates.json', 'format' = 'json');

-- the versioned table: a deduplication keeping the last rate per currency on event time (the oracle's sources
-- cannot declare a PRIMARY KEY, so this is the versioned-view form Flink documents)
CREATE VIEW currency_rates AS
SELECT update_time, currency, rate FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY update_time DESC) AS rn FROM rates_log
) WHERE rn = 1;

CREATE TABLE orders (
  order_id STRING,
  order_time TIMESTAMP(3),
  amount INT,
  currency STRING,
  WATERMARK FOR order_time AS order_time
) WITH ('connector' = 'filesystem', 'path' = 'orders.json', 'format' = 'json');

CREATE TABLE sink (
  order_id STRING,
  rate INT,
  rate_time TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT o.order_id, r.rate, r.update_time
FROM orders AS o LEFT JOIN currency_rates FOR SYSTEM_TIME AS OF o.order_time AS r
  ON o.currency = r.currency AND r.rate > 100;
