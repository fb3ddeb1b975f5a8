-- MATCH_RECOGNIZE quantifiers {n}, {n,m}? and ?: PATTERN (A{2} B{1,3}? C? D), the row's class in tax (a greedy
-- B{1,3} before C? is refused by Flink). Matches with 1 and 3 B rows, with and without C (C.price NULL), one starting
-- at the 2nd of three A rows; 4 B rows, no B or two C rows make no match.
CREATE TABLE Ticker (
  symbol STRING,
  rowtime TIMESTAMP(3),
  price BIGINT,
  tax BIGINT,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  symbol STRING,
  startTime TIMESTAMP(3),
  endTime TIMESTAMP(3),
  firstA BIGINT,
  lastA BIGINT,
  nB BIGINT,
  cPrice BIGINT,
  dPrice BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT *
FROM Ticker
  MATCH_RECOGNIZE (
    PARTITION BY symbol
    ORDER BY rowtime
    MEASURES
      FIRST(A.rowtime) AS startTime,
      D.rowtime AS endTime,
      FIRST(A.price) AS firstA,
      LAST(A.price) AS lastA,
      COUNT(B.price) AS nB,
      C.price AS cPrice,
      D.price AS dPrice
    ONE ROW PER MATCH
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A{2} B{1,3}? C? D)
    DEFINE
      A AS A.tax = 1,
      B AS B.tax = 2,
      C AS C.tax = 3,
      D AS D.tax = 4
  ) MR;
