-- JSON_ARRAYAGG in a tumbling window: values in arrival order, NULLs left out (ABSENT ON NULL, the default) or written
-- (NULL ON NULL), DECIMAL as Flink's JSON nodes write it, strings escaped, JSON_OBJECT values inserted as JSON.
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  v INT,
  d DECIMAL(10, 2),
  s STRING,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  window_start TIMESTAMP(3),
  vs STRING,
  vs_nulls STRING,
  ds STRING,
  ss STRING,
  objs STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, window_start,
  JSON_ARRAYAGG(v),
  JSON_ARRAYAGG(v NULL ON NULL),
  JSON_ARRAYAGG(d),
  JSON_ARRAYAGG(s),
  JSON_ARRAYAGG(JSON_OBJECT('v' VALUE v, 's' VALUE s))
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY k, window_start, window_end;
