-- SUM/COUNT/MIN/MAX/AVG OVER a 1-hour RANGE per key: peers (equal times) see each other, the row exactly 1 h
-- before is in the frame, older rows leave it; a NULL key is a partition; a row behind the watermark is dropped
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  v INT,
  d DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  ts TIMESTAMP(3),
  v INT,
  s INT,
  n BIGINT,
  lo INT,
  hi INT,
  a INT,
  ad DOUBLE
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, ts, v,
  SUM(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW),
  COUNT(*) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW),
  MIN(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW),
  MAX(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW),
  AVG(v) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW),
  AVG(d) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)
FROM t;
