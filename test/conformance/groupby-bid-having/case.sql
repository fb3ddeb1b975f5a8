-- HAVING on an unbounded GROUP BY: rows appear once they pass
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE sink (
  supplier_id STRING,
  n BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT supplier_id, COUNT(*) FROM Bid GROUP BY supplier_id HAVING COUNT(*) >= 2;
