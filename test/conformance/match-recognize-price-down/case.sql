-- MATCH_RECOGNIZE, the first example of Flink's "Pattern Recognition" page: periods of falling prices
-- (START_ROW PRICE_DOWN+ PRICE_UP, LAST(var.col, 1) in DEFINE, AFTER MATCH SKIP TO LAST PRICE_UP). A second,
-- interleaved symbol shows that PARTITION BY matches each symbol on its own and that the skip reuses the PRICE_UP row.
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  start_tstamp TIMESTAMP(3),
  bottom_tstamp TIMESTAMP(3),
  end_tstamp TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      START_ROW.rowtime AS start_tstamp,
      LAST(PRICE_DOWN.rowtime) AS bottom_tstamp,
      LAST(PRICE_UP.rowtime) AS end_tstamp
    ONE ROW PER MATCH
    AFTER MATCH SKIP TO LAST PRICE_UP
    PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
    DEFINE
      PRICE_DOWN AS
        (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price) OR
          PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
      PRICE_UP AS
        PRICE_UP.price > LAST(PRICE_DOWN.price, 1)
  ) MR;
