-- a named window (WINDOW w AS …) shared by several aggregates, ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW per
-- key and a filter before it: running aggregates row by row (equal times in arrival order); late rows dropped
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  ts TIMESTAMP(3),
  v INT,
  s INT,
  n BIGINT,
  hi INT,
  total INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, ts, v, SUM(v) OVER w, COUNT(*) OVER w, MAX(v) OVER w, SUM(v) OVER w + v
FROM t
WHERE v > 0
WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
