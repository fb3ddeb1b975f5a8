-- SUM / AVG / MIN / MAX over TINYINT and SMALLINT in a TUMBLE window: SUM and AVG keep the type (the sum wraps)
CREATE TABLE n (
  ts TIMESTAMP(3),
  k TINYINT,
  b TINYINT,
  s SMALLINT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  k TINYINT,
  sb TINYINT,
  ab TINYINT,
  ss SMALLINT,
  avs SMALLINT,
  mb TINYINT,
  xs SMALLINT,
  c BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, k, SUM(b), AVG(b), SUM(s), AVG(s), MIN(b), MAX(s), COUNT(*)
FROM TABLE(TUMBLE(TABLE n, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
