-- COALESCE, NULLIF, IF, IS NULL
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE sink (
  a STRING,
  b DECIMAL(10, 2),
  c STRING,
  d BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT COALESCE(NULLIF(item, 'C'), 'was C'), NULLIF(price, 2.00), IF(price > 3, 'yes', 'no'), NULLIF(item, 'A') IS NULL FROM Bid;
