-- AVG of INT and BIGINT keeps the integer type; SUM of INT is INT
CREATE TABLE n (
  ts TIMESTAMP(3),
  k INT,
  b BIGINT,
  i INT,
  d DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k INT,
  ai INT,
  ab BIGINT,
  si INT,
  ad DOUBLE
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, AVG(i), AVG(b), SUM(k), AVG(d) FROM n WHERE k <> 2 GROUP BY k;
