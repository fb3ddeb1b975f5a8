-- An interval join of t with itself on TIMESTAMP_LTZ(3) rowtimes (r.ts within 15 minutes after l.ts) in Asia/Shanghai.
SET 'table.local-time-zone' = 'Asia/Shanghai';

CREATE TABLE t (
  k STRING,
  v INT,
  epoch_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(epoch_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  lk STRING,
  rk STRING,
  l_ts TIMESTAMP_LTZ(3),
  r_wall TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT l.k, r.k, l.ts, CAST(r.ts AS TIMESTAMP(3))
FROM t l JOIN t r ON l.k <> r.k AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '15' MINUTE;
