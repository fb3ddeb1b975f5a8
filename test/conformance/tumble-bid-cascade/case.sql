-- cascaded windows: TUMBLE 5 min, then TUMBLE 10 min over window_time
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE VIEW five AS
SELECT window_start AS ws, window_time AS wt, SUM(price) AS total, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end, window_time;

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  total DECIMAL(38, 2),
  n BIGINT,
  parts BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, SUM(total), SUM(n), COUNT(*) FROM TABLE(TUMBLE(TABLE five, DESCRIPTOR(wt), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;
