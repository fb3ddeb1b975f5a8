-- ARRAY_AGG three levels deep: per key and 10-second TUMBLE window (NULLs kept: [NULL], [1, NULL, 1]; FILTER and
-- IGNORE NULLS leave them out, NULL when nothing is left; Flink 1.20 refuses FILTER with IGNORE NULLS), then per key the window count and last window's array,
-- then an unbounded GROUP BY over that updating input, whose ARRAY_AGGs retract a key (the earliest equal element)
-- each time its window count moves on; DISTINCT keeps NULL as one value.
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  windows BIGINT,
  ks STRING,
  last_arrays STRING,
  distinct_positive STRING,
  positive_present STRING,
  present STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT n,
  CAST(ARRAY_AGG(k) AS STRING),
  CAST(ARRAY_AGG(vs) AS STRING),
  CAST(ARRAY_AGG(DISTINCT pos) AS STRING),
  CAST(ARRAY_AGG(pos) IGNORE NULLS AS STRING),
  CAST(ARRAY_AGG(present RESPECT NULLS) AS STRING)
FROM (
  SELECT k, COUNT(*) AS n, LAST_VALUE(vs) AS vs, LAST_VALUE(pos) AS pos, LAST_VALUE(present) AS present
  FROM (
    SELECT k, window_start,
      CAST(ARRAY_AGG(v) AS STRING) AS vs,
      CAST(ARRAY_AGG(v) FILTER (WHERE v > 1) AS STRING) AS pos,
      CAST(ARRAY_AGG(v IGNORE NULLS) AS STRING) AS present
    FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
    GROUP BY k, window_start, window_end)
  GROUP BY k)
GROUP BY n;
