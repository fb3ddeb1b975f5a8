-- Reads the example's output topic back (bounded): the busiest user per minute.
CREATE TABLE click_counts (
  window_start TIMESTAMP(3),
  user_id STRING,
  clicks BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'click_counts',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);

SELECT window_start, COUNT(*) AS users, SUM(clicks) AS clicks, MAX(clicks) AS busiest
FROM click_counts
GROUP BY window_start;
