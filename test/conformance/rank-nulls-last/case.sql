-- ROW_NUMBER() over an ORDER BY with NULLS LAST: a Top-N per key where rows without a price rank after priced ones.
CREATE TABLE t (
  id INT,
  k STRING,
  price INT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  id INT,
  rn BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, id, rn FROM (
  SELECT k, id, ROW_NUMBER() OVER (PARTITION BY k ORDER BY price ASC NULLS LAST) AS rn FROM t
) WHERE rn <= 2;
