-- GROUP BY a CASE expression
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE sink (
  band STRING,
  n BIGINT,
  total DECIMAL(38, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT CASE WHEN price >= 4 THEN 'high' WHEN price >= 2 THEN 'mid' ELSE 'low' END AS band, COUNT(*), SUM(price) FROM Bid GROUP BY CASE WHEN price >= 4 THEN 'high' WHEN price >= 2 THEN 'mid' ELSE 'low' END;
