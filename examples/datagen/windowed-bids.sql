-- A throughput example: 300,000 generated bids, counted and summed per auction in 1-minute tumbling windows.
-- Run from the repository root:  sluice run examples/datagen/windowed-bids.sql
-- The job summary on stderr reports events/s. `npm run bench` runs this job in-process for more rows.
--
-- datagen's random timestamps fall within the last `max-past` of the wall clock, in random order; a watermark
-- delay of the same size means no record arrives after its window fired (the summary would say so loudly).
CREATE TABLE bids (
  bid_id BIGINT,
  auction BIGINT,
  price DECIMAL(10, 2),
  bidder STRING,
  bidtime TIMESTAMP(3),
  WATERMARK FOR bidtime AS bidtime - INTERVAL '10' MINUTE
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '300000',
  'rows-per-second' = '1000000000',
  'seed' = '42',
  'fields.bid_id.kind' = 'sequence',
  'fields.bid_id.start' = '1',
  'fields.bid_id.end' = '300000',
  'fields.auction.min' = '1',
  'fields.auction.max' = '100',
  'fields.price.min' = '1',
  'fields.price.max' = '500',
  'fields.bidder.length' = '8',
  'fields.bidtime.max-past' = '10 min'
);

CREATE TABLE auction_stats (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  auction BIGINT,
  bids BIGINT,
  total_price DECIMAL(38, 2)
) WITH (
  'connector' = 'blackhole'
);

INSERT INTO auction_stats
SELECT window_start, window_end, auction, COUNT(*), SUM(price)
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(bidtime), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, auction;
