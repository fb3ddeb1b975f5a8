-- LAG over event time: the previous row's value per key (NULL before the first, and NULL after a NULL value), two rows
-- back with a default, and a difference with the previous row. One late row (dropped, as in Flink). (Flink 1.20 types
-- LAG with a non-NULL default as NOT NULL and fails the job when the value it returns is NULL, so no such call here
-- meets a NULL value.)
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  v INT,
  back1 INT,
  back2 INT,
  delta INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, v,
  LAG(v) OVER w,
  LAG(v, 2, -1) OVER w,
  v - LAG(v) OVER w
FROM t
WINDOW w AS (PARTITION BY k ORDER BY ts);
