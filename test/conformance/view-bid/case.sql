-- a view between source and sink
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE VIEW dear AS SELECT bidtime, price, item FROM Bid WHERE price >= 3;

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  n BIGINT,
  total DECIMAL(38, 2)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, COUNT(*), SUM(price) FROM TABLE(TUMBLE(TABLE dear, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;
