-- event-time temporal join (Flink docs currency_rates example): each order joins the rate valid at its time
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
  converted INT,
  rate_time TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT o.order_id, o.amount * r.rate, r.update_time
FROM orders AS o JOIN currency_rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency;
