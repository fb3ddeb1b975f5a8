-- UNION (distinct) of a table with a filtered copy of itself and a VALUES table: one row per distinct row (NULLs
-- equal), INT and BIGINT sides widened to BIGINT; then a UNION ALL that keeps duplicates again.
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  v BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, v FROM t
UNION
SELECT k, CAST(v AS BIGINT) FROM t WHERE v > 1
UNION
SELECT * FROM (VALUES ('d', CAST(4 AS BIGINT)), ('a', CAST(1 AS BIGINT))) AS x (k, v)
UNION ALL
SELECT k, v FROM t WHERE k = 'c';
