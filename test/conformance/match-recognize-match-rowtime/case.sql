-- MATCH_ROWTIME() in MEASURES is a rowtime attribute (the rowtime of the match's last row), so a group window can
-- follow the MATCH_RECOGNIZE: matches counted per symbol and 10-second tumbling window of their last row (the
-- 10:00:09 -> 10:00:10 match falls in [10:00:10, 10:00:20)).
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  wstart TIMESTAMP(3),
  wend TIMESTAMP(3),
  match_count BIGINT,
  gain BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT
  symbol,
  TUMBLE_START(mt, INTERVAL '10' SECOND) AS wstart,
  TUMBLE_END(mt, INTERVAL '10' SECOND) AS wend,
  COUNT(*) AS match_count,
  SUM(gain) AS gain
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      MATCH_ROWTIME() AS mt,
      B.price - A.price AS gain
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B)
    DEFINE
      B AS B.price > A.price
  ) MR
GROUP BY symbol, TUMBLE(mt, INTERVAL '10' SECOND);
