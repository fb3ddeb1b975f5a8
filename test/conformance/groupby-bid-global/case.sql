-- a global aggregate: one row updated by every bid
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE sink (
  n BIGINT,
  total DECIMAL(38, 2),
  lo DECIMAL(10, 2),
  hi DECIMAL(10, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT COUNT(*), SUM(price), MIN(price), MAX(price) FROM Bid;
