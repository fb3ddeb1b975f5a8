-- DECIMAL sums in a changelog, including updates back to zero
CREATE TABLE d (
  ts TIMESTAMP(3),
  k STRING,
  m DECIMAL(10, 2),
  q DECIMAL(5, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  s DECIMAL(38, 2),
  sq DECIMAL(38, 3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, SUM(m), SUM(q) FROM d GROUP BY k;
