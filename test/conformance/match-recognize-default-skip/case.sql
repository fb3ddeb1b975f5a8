-- MATCH_RECOGNIZE without ONE ROW PER MATCH and AFTER MATCH clauses: Flink's default skip is SKIP TO NEXT ROW, so
-- (1,2), (2,3), (3,4), (4,5) all match; SKIP PAST LAST ROW would give only (1,2) and (3,4).
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  aPrice BIGINT,
  bPrice BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      A.price AS aPrice,
      B.price AS bPrice
    PATTERN (A B)
    DEFINE
      A AS A.price < 10,
      B AS B.price < 10
  ) MR;
