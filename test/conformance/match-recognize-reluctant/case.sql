-- MATCH_RECOGNIZE reluctant quantifier (Flink docs' "Greedy & Reluctant Quantifiers" example): B*? takes as few
-- rows as possible, so C is the first row with price > 12; with SKIP PAST LAST ROW two matches (C = 13, C = 16).
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  lastPrice BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      C.price AS lastPrice
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B*? C)
    DEFINE
      A AS A.price > 10,
      B AS B.price < 15,
      C AS C.price > 12
  ) MR;
