-- DECIMAL literals, comparisons and CASE over DECIMAL
CREATE TABLE d (
  ts TIMESTAMP(3),
  k STRING,
  m DECIMAL(10, 2),
  q DECIMAL(5, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  m DECIMAL(10, 2),
  band STRING,
  big BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT m, CASE WHEN m > 1000.5 THEN 'big' WHEN m < -0.005 THEN 'negative' ELSE 'small' END, m >= 99999999.99 FROM d WHERE q <> 0;
