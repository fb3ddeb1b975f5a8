-- differential fuzzing: fuzz-tumble-offset-window-lost (minimized)
CREATE TABLE t (
  ts TIMESTAMP(3),
  k1 STRING,
  v1 DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 TIMESTAMP(3),
  c1 TIMESTAMP(3),
  c2 STRING,
  c3 DOUBLE,
  c4 BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, k1, a0, a1 FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY a1 DESC, k1) AS rownum
  FROM (SELECT window_start, window_end, k1, MAX(v1) AS a0, COUNT(v1) AS a1
    FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '1' SECOND))
    GROUP BY window_start, window_end, k1)
) WHERE rownum <= 2;
