-- PROCTIME() flows as a TIMESTAMP_LTZ(3) processing-time attribute: deduplication keeps each key's first row in
-- arrival order (ORDER BY the PROCTIME() column ASC), a processing-time OVER window (ids + 100) counts and sums the
-- current row and the one before it per key, and CASTs of the attribute to STRING and TIMESTAMP(3) (in the session zone) are
-- values of a date after 2020. With one input file read in order, arrival order is file order, so the answer is
-- deterministic although the attribute's values are not.
SET 'table.local-time-zone' = 'Asia/Kolkata';

CREATE TABLE t (
  id INT,
  k STRING,
  v INT,
  pt AS PROCTIME()
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  k STRING,
  v INT,
  n BIGINT,
  total INT,
  recent BOOLEAN,
  recent_text BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, k, v, CAST(NULL AS BIGINT), CAST(NULL AS INT), recent, recent_text FROM (
  SELECT id, k, v,
    CAST(pt AS TIMESTAMP(3)) > TIMESTAMP '2020-01-01 00:00:00' AS recent,
    CAST(pt AS STRING) > '2020' AS recent_text,
    ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt ASC) AS rn
  FROM t
) WHERE rn = 1
UNION ALL
SELECT id + 100, k, v, COUNT(*) OVER w, SUM(v) OVER w, CAST(NULL AS BOOLEAN), CAST(NULL AS BOOLEAN)
FROM t
WINDOW w AS (PARTITION BY k ORDER BY pt ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
