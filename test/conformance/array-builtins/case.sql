-- Flink 1.20's ARRAY_* and MAP_* functions and ELEMENT over arrays with NULL elements, empty and NULL arrays (arrays shown with
-- CAST(… AS STRING); maps by CARDINALITY: Flink's map order is a HashMap's, and reading MAP_UNION's or MAP_FROM_ARRAYS's result by key fails in Flink 1.20 with a ClassCastException)
CREATE TABLE t (
  id INT,
  a ARRAY<INT>,
  b ARRAY<INT>,
  m MAP<STRING, INT>,
  w ARRAY<STRING>
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  appended STRING,
  prepended STRING,
  appended_null STRING,
  concat2 STRING,
  concat1 STRING,
  distinct_a STRING,
  except_ab STRING,
  intersect_ab STRING,
  union_ab STRING,
  joined STRING,
  joined_n STRING,
  max_a INT,
  min_a INT,
  pos2 INT,
  pos_missing INT,
  removed2 STRING,
  removed_null STRING,
  slice2 STRING,
  slice_neg STRING,
  slice0 STRING,
  slice_empty STRING,
  sorted STRING,
  sorted_desc STRING,
  sorted_nulls_last STRING,
  entries STRING,
  from_arrays_n INT,
  union_n INT,
  max_w STRING,
  first_a INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  CAST(ARRAY_APPEND(a, 9) AS STRING), CAST(ARRAY_PREPEND(a, 9) AS STRING), CAST(ARRAY_APPEND(a, CAST(NULL AS INT)) AS STRING),
  CAST(ARRAY_CONCAT(a, b) AS STRING), CAST(ARRAY_CONCAT(a) AS STRING), CAST(ARRAY_DISTINCT(a) AS STRING),
  CAST(ARRAY_EXCEPT(a, b) AS STRING), CAST(ARRAY_INTERSECT(a, b) AS STRING), CAST(ARRAY_UNION(a, b) AS STRING),
  ARRAY_JOIN(w, '-'), ARRAY_JOIN(w, '-', 'N'),
  ARRAY_MAX(a), ARRAY_MIN(a), ARRAY_POSITION(a, 2), ARRAY_POSITION(a, 42),
  CAST(ARRAY_REMOVE(a, 2) AS STRING), CAST(ARRAY_REMOVE(a, CAST(NULL AS INT)) AS STRING),
  CAST(ARRAY_SLICE(a, 2) AS STRING), CAST(ARRAY_SLICE(a, -2, -1) AS STRING), CAST(ARRAY_SLICE(a, 0, 2) AS STRING), CAST(ARRAY_SLICE(a, 3, 1) AS STRING),
  CAST(ARRAY_SORT(a) AS STRING), CAST(ARRAY_SORT(a, FALSE) AS STRING), CAST(ARRAY_SORT(a, TRUE, FALSE) AS STRING),
  CAST(MAP_ENTRIES(m) AS STRING), CARDINALITY(MAP_FROM_ARRAYS(b, b)),
  CARDINALITY(MAP_UNION(m, MAP['b', 20, 'z', 26])),
  ARRAY_MAX(w), ELEMENT(ARRAY_SLICE(a, 1, 1))
FROM t;
