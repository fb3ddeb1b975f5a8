-- An unbounded job to watch in the dashboard: 5,000 generated bids per second, counted and summed per auction in
-- 1-second event-time windows, and the busiest auction of each window picked by a window Top-N.
-- Run from the repository root, then open the URL it prints (Ctrl-C stops it):
--   npx sluice run examples/monitoring/live-bids.sql --set rest.port=8081
-- docs/monitoring.md describes the dashboard, the REST API and the Prometheus metrics.
CREATE TABLE bids (
  auction BIGINT,
  price DECIMAL(10, 2),
  bidtime TIMESTAMP(3),
  WATERMARK FOR bidtime AS bidtime - INTERVAL '2' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '5000',
  'fields.auction.min' = '1',
  'fields.auction.max' = '50',
  'fields.price.min' = '1',
  'fields.price.max' = '500',
  'fields.bidtime.max-past' = '2 s'
);

CREATE TABLE busiest_auctions (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  auction BIGINT,
  bids BIGINT,
  total DECIMAL(38, 2)
) WITH ('connector' = 'blackhole');

INSERT INTO busiest_auctions
SELECT window_start, window_end, auction, bids, total FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bids DESC) AS rn FROM (
    SELECT window_start, window_end, auction, COUNT(*) AS bids, SUM(price) AS total
    FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(bidtime), INTERVAL '1' SECOND))
    GROUP BY window_start, window_end, auction
  )
) WHERE rn <= 3;
