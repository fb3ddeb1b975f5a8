-- JSON_OBJECTAGG in a tumbling window: members sorted by key, NULL values written (NULL ON NULL, the default) or
-- left out (ABSENT ON NULL), JSON_ARRAY values inserted as JSON.
CREATE TABLE t (
  ts TIMESTAMP(3),
  g STRING,
  k STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  g STRING,
  o1 STRING,
  o2 STRING,
  o3 STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT g, JSON_OBJECTAGG(KEY k VALUE v), JSON_OBJECTAGG(k VALUE v ABSENT ON NULL), JSON_OBJECTAGG(KEY k VALUE JSON_ARRAY(v, g))
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY g, window_start, window_end;
