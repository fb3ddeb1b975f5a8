-- A window aggregation over UNNEST of the window TVF's rows: the window columns pass the correlate, so it stays a window aggregate (append-only), as in Flink
CREATE TABLE t (
  ts TIMESTAMP(3),
  tags ARRAY<STRING>,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  tag STRING,
  c BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, tag, COUNT(*)
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) CROSS JOIN UNNEST(tags) AS x (tag)
GROUP BY window_start, window_end, tag;
