-- SUM/AVG/MIN/MAX/COUNT/STDDEV over FLOAT per tumbling window: SUM and AVG are FLOATs (the sum added in float32,
-- AVG from a DOUBLE sum), printed as Java's Float.toString.
CREATE TABLE t (
  ts TIMESTAMP(3),
  k INT,
  f FLOAT,
  d DOUBLE,
  i INT,
  s STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k INT,
  s FLOAT,
  a FLOAT,
  lo FLOAT,
  hi FLOAT,
  n BIGINT,
  sd FLOAT,
  vs FLOAT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, SUM(f), AVG(f), MIN(f), MAX(f), COUNT(f), STDDEV_POP(f), VAR_SAMP(f)
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, k;
