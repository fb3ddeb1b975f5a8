-- Row pattern recognition: per symbol, a price that falls for one or more ticks and then recovers (a "V").
-- Run from the repository root:  sluice run examples/patterns/price-dips.sql
-- MATCH_ROWTIME() keeps the match's time an event-time attribute, so the view can be windowed afterwards.
CREATE TABLE ticker (
  symbol STRING,
  ts TIMESTAMP(3),
  price INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'examples/patterns/ticker.json', 'format' = 'json');

CREATE VIEW dips AS
SELECT * FROM ticker MATCH_RECOGNIZE (
  PARTITION BY symbol
  ORDER BY ts
  MEASURES
    START_ROW.price AS start_price,
    LAST(DOWN.price) AS bottom_price,
    UP.price AS recovered_price,
    COUNT(DOWN.price) AS falling_ticks,
    MATCH_ROWTIME() AS matched_at
  AFTER MATCH SKIP TO LAST UP
  PATTERN (START_ROW DOWN+ UP) WITHIN INTERVAL '10' MINUTE
  DEFINE
    DOWN AS DOWN.price < LAST(price, 1),
    UP AS UP.price > LAST(DOWN.price)
);

CREATE TABLE dips_out (
  symbol STRING,
  start_price INT,
  bottom_price INT,
  recovered_price INT,
  falling_ticks BIGINT,
  matched_at TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO dips_out SELECT * FROM dips;
