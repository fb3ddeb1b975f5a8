-- Early firing: partial totals every 5 minutes of event time (watermark progress), as updates, before each
-- 10-minute window closes.
-- Run from the repository root:  sluice run examples/windows/early-fire.sql
SET 'table.exec.emit.early-fire.enabled' = 'true';
SET 'table.exec.emit.early-fire.delay' = '5 min';

CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'examples/bids/bids.json', 'format' = 'json');

CREATE TABLE totals (window_start TIMESTAMP(3), window_end TIMESTAMP(3), total_price DECIMAL(38, 2)) WITH ('connector' = 'print');

INSERT INTO totals
SELECT window_start, window_end, SUM(price)
FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
GROUP BY window_start, window_end;
