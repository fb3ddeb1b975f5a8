-- ARRAY_AGG over a ROWS frame of the current and the preceding row: the frame's values in order, NULLs kept, the row
-- leaving the frame retracted (its earliest copy); DISTINCT keeps NULL as one value.
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  vs STRING,
  distinct_vs STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, CAST(ARRAY_AGG(v) OVER w AS STRING), CAST(ARRAY_AGG(DISTINCT v) OVER w AS STRING)
FROM t
WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
