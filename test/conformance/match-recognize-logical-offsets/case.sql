-- MATCH_RECOGNIZE logical offsets (Flink docs' "Logical Offsets" tables): LAST(B.price, n) / FIRST(B.price, n)
-- count within the rows mapped to B (the row being classified counts as LAST(B.price, 0)), LAST(price, 1) without a
-- variable counts over all rows of the match; an offset beyond the mapped rows is NULL, in DEFINE and in MEASURES.
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
  firstB BIGINT,
  secondB BIGINT,
  lastB BIGINT,
  prevB BIGINT,
  prev2B BIGINT,
  beforeLast BIGINT,
  cPrice BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      FIRST(A.price) AS aPrice,
      FIRST(B.price) AS firstB,
      FIRST(B.price, 1) AS secondB,
      LAST(B.price) AS lastB,
      LAST(B.price, 1) AS prevB,
      LAST(B.price, 2) AS prev2B,
      LAST(price, 1) AS beforeLast,
      C.price AS cPrice
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B+ C)
    DEFINE
      A AS A.price >= 10,
      B AS B.price > FIRST(A.price) AND
        (LAST(B.price, 1) IS NULL OR B.price > LAST(B.price, 1)) AND
        (LAST(B.price, 2) IS NULL OR B.price > 2 * LAST(B.price, 2)),
      C AS C.price > LAST(price, 1)
  ) MR;
