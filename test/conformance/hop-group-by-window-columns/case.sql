-- Nexmark q5's shape: HOP counts per item, their maximum per window by the renamed window_start / window_end
-- (an aggregation attached to the first one's windows: append-only), joined back on the window columns
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE sink (
  item STRING,
  num BIGINT,
  starttime TIMESTAMP(3),
  endtime TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT A.item, A.num, A.starttime, A.endtime
FROM (
  SELECT item, COUNT(*) AS num, window_start AS starttime, window_end AS endtime
  FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '6' MINUTES))
  GROUP BY item, window_start, window_end
) A
JOIN (
  SELECT MAX(C.num) AS maxn, C.starttime, C.endtime
  FROM (
    SELECT COUNT(*) AS num, window_start AS starttime, window_end AS endtime
    FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '6' MINUTES))
    GROUP BY item, window_start, window_end
  ) C
  GROUP BY C.starttime, C.endtime
) M
ON A.starttime = M.starttime AND A.endtime = M.endtime AND A.num >= M.maxn;
