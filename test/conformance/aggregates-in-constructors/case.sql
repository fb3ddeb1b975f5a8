-- Aggregates inside ARRAY[…], MAP[…] and ROW(…) constructors (and BETWEEN, element access, HAVING): an updating
-- GROUP BY result whose constructed values follow each group's aggregates. ARRAY columns are printed through CAST
-- AS STRING (the oracle would print a Java array's identity), and the ROW too (the oracle prints a nested
-- Row as Java's Row.toString, +I[…]).
CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'filesystem', 'path' = 't.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  lo_hi STRING,
  n BIGINT,
  m MAP<STRING, INT>,
  c MAP<STRING, BIGINT>,
  r STRING,
  small BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k,
  CAST(ARRAY[MIN(v), MAX(v)] AS STRING),
  ARRAY[MIN(v) + 1, COUNT(*)][2],
  MAP['min', MIN(v), 'max', MAX(v)],
  MAP[k, COUNT(v)],
  CAST(ROW(MIN(v), MAX(v), COUNT(*)) AS STRING),
  MAX(v) BETWEEN 0 AND 5
FROM t
GROUP BY k
HAVING CARDINALITY(ARRAY[MIN(v), MAX(v)]) = 2;
