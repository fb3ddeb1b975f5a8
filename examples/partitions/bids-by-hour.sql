-- A partitioned filesystem table, as Flink's filesystem connector writes one: a directory per day and hour
-- (dt=2020-04-15/hr=08/), the partition columns in the path rather than the files, and a _SUCCESS file in each
-- partition once the watermark has passed its hour (the partition-time commit trigger).
-- Run from the repository root:  sluice run examples/partitions/bids-by-hour.sql   (writes .sluice/examples/bids-by-hour)
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'examples/bids/bids.json', 'format' = 'json');

CREATE TABLE bids_by_hour (
  item STRING,
  price DECIMAL(10, 2),
  bidtime TIMESTAMP(3),
  dt STRING,
  hr STRING
) PARTITIONED BY (dt, hr) WITH (
  'connector' = 'filesystem',
  'path' = '.sluice/examples/bids-by-hour',
  'format' = 'csv',
  'sink.partition-commit.trigger' = 'partition-time',
  'partition.time-extractor.timestamp-pattern' = '$dt $hr:00:00',
  'sink.partition-commit.delay' = '1 h',
  'sink.partition-commit.policy.kind' = 'success-file'
);

INSERT INTO bids_by_hour
SELECT item, price, bidtime, DATE_FORMAT(bidtime, 'yyyy-MM-dd'), DATE_FORMAT(bidtime, 'HH') FROM Bid;

SHOW PARTITIONS bids_by_hour;

SELECT dt, hr, COUNT(*) AS bids, SUM(price) AS total FROM bids_by_hour GROUP BY dt, hr;
