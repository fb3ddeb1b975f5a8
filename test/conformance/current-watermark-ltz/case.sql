-- CURRENT_WATERMARK over a TIMESTAMP_LTZ rowtime in a non-UTC session zone: a TIMESTAMP_LTZ(3) (shown in the zone),
-- NULL before the first watermark
SET 'table.local-time-zone' = 'Asia/Shanghai';

CREATE TABLE t (
  ms BIGINT,
  v INT,
  ts AS TO_TIMESTAMP_LTZ(ms, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  v INT,
  wm TIMESTAMP_LTZ(3),
  wm_text STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT v, CURRENT_WATERMARK(ts), CAST(CURRENT_WATERMARK(ts) AS STRING) FROM t;
