-- Late data you can see: C and D arrive after B moved the watermark past the end of [08:00, 08:10), and G
-- arrives later still. They are left out of the results, counted in the job summary ([WARN] lines), and kept
-- in the system table `Bid$late` with the operator that dropped them and the watermark they were judged against.
-- Run from the repository root:  sluice run examples/windows/late-records.sql
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'examples/windows/late-bids.json', 'format' = 'json');

CREATE TABLE totals (item STRING, window_start TIMESTAMP(3), total_price DECIMAL(38, 2)) WITH ('connector' = 'print');

INSERT INTO totals
SELECT item, window_start, SUM(price)
FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
GROUP BY item, window_start, window_end;

SELECT bidtime, price, item, late_reason, late_operator, late_watermark FROM `Bid$late`;
