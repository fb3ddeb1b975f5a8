-- CAST between DECIMAL, INT, DOUBLE, STRING and TIMESTAMP
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE sink (
  p_int INT,
  p_double DOUBLE,
  p_text STRING,
  ts_text STRING,
  back DECIMAL(5, 1)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT CAST(price AS INT), CAST(price AS DOUBLE), CAST(price AS STRING), CAST(bidtime AS STRING), CAST(CAST(price AS STRING) AS DECIMAL(5, 1)) FROM Bid;
