-- differential fuzzing: fuzz seed 20017 --shape over (minimized): a bounded RANGE OVER frame and a late row of an idle partition
CREATE TABLE t (
  ts TIMESTAMP(3),
  k1 STRING,
  k2 INT,
  v1 BIGINT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 TIMESTAMP(3),
  c1 STRING,
  c2 INT,
  c3 BIGINT,
  c4 BIGINT,
  c5 BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT ts, k1, k2, v1, MIN(v1) OVER w, AVG(v1) OVER w FROM t
WINDOW w AS (PARTITION BY k2 ORDER BY ts RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW);
