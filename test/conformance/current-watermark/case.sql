-- CURRENT_WATERMARK(ts): the watermark in force before each row (NULL before the first), in SELECT and in WHERE
-- (the late-row filter of Flink's documentation); a watermark after every record, as the oracle makes Flink do
CREATE TABLE t (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  v INT,
  ts TIMESTAMP(3),
  wm TIMESTAMP(3),
  wm_null BOOLEAN,
  behind_ms BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT v, ts, CURRENT_WATERMARK(ts), CURRENT_WATERMARK(ts) IS NULL,
  TIMESTAMPDIFF(SECOND, CURRENT_WATERMARK(ts), ts) * 1000
FROM t
WHERE CURRENT_WATERMARK(ts) IS NULL OR ts > CURRENT_WATERMARK(ts) OR ts IS NULL;
