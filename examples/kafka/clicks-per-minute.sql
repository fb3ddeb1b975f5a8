-- Kafka → TUMBLE window → Kafka, with the bundled broker (see docs/kafka.md):
--   npm run kafka -- start 9092
--   node --import tsx examples/kafka/produce-events.ts 200000
--   sluice run examples/kafka/clicks-per-minute.sql
--   sluice run examples/kafka/show-counts.sql
-- The source reads what is in the topic when the job starts and then ends (scan.bounded.mode); remove that
-- option to keep the job running on new events.
CREATE TABLE clicks (
  user_id STRING,
  url STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'clicks',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);

CREATE TABLE click_counts (
  window_start TIMESTAMP(3),
  user_id STRING,
  clicks BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'click_counts',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'key.format' = 'raw',
  'key.fields' = 'user_id',
  'format' = 'json',
  'sink.delivery-guarantee' = 'at-least-once'
);

INSERT INTO click_counts
SELECT window_start, user_id, COUNT(*)
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, user_id;
