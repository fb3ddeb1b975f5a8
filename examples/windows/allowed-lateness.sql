-- Allowed lateness: fired windows keep their state for 1 more minute of event time. C and D (late, but within
-- the minute) update the first window's total: -U 2.00 / +U 11.00. G comes too late even for that.
-- Run from the repository root:  sluice run examples/windows/allowed-lateness.sql
SET 'table.exec.emit.allow-lateness' = '1 min';

CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'examples/windows/late-bids.json', 'format' = 'json');

CREATE TABLE totals (window_start TIMESTAMP(3), window_end TIMESTAMP(3), total_price DECIMAL(38, 2)) WITH ('connector' = 'print');

INSERT INTO totals
SELECT window_start, window_end, SUM(price)
FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
GROUP BY window_start, window_end;
