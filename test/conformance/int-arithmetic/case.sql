-- INT arithmetic: integer division, %, negation, mixing with BIGINT and DOUBLE
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
  q INT,
  r INT,
  neg INT,
  wide BIGINT,
  mixed DOUBLE
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, i / 2, i % 3, -k, b + k, i * 0.5e0 FROM n WHERE i <> 2147483647 AND i <> -2147483648;
