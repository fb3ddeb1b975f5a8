-- projection and filter: arithmetic, CASE, ||, comparison
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json');

CREATE TABLE sink (
  item STRING,
  doubled DECIMAL(21, 2),
  label STRING,
  cheap BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT item, price * 2, item || '-' || CASE WHEN price > 3 THEN 'dear' ELSE 'cheap' END, price < 3 FROM Bid WHERE item <> 'E';
