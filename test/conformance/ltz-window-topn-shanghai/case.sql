-- Window Top-N (the largest v per 1-hour TUMBLE) over a TIMESTAMP_LTZ(3) rowtime in Asia/Shanghai.
SET 'table.local-time-zone' = 'Asia/Shanghai';

CREATE TABLE t (
  k STRING,
  v INT,
  epoch_ms BIGINT,
  ts AS TO_TIMESTAMP_LTZ(epoch_ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  k STRING,
  v INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, window_end, k, v FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY v DESC) AS rn
  FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR))
) WHERE rn <= 1;
