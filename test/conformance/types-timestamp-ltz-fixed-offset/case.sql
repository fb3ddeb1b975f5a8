-- TIMESTAMP_LTZ in a fixed-offset session zone written as Flink (java.time) takes it, 'GMT+05:30': the rows and
-- expressions of types-timestamp-ltz-kolkata (UTC+05:30 too, without daylight saving), so the same answers.
SET 'table.local-time-zone' = 'GMT+05:30';

CREATE TABLE t (
  id INT,
  t TIMESTAMP_LTZ(3),
  e BIGINT,
  w TIMESTAMP(3)
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  t TIMESTAMP_LTZ(3),
  t_text STRING,
  t_wall TIMESTAMP(3),
  t_date DATE,
  w_instant TIMESTAMP_LTZ(3),
  w_back STRING,
  from_seconds STRING,
  from_millis TIMESTAMP_LTZ(3),
  later STRING,
  before_w BOOLEAN,
  parsed TIMESTAMP_LTZ(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, t, CAST(t AS STRING), CAST(t AS TIMESTAMP(3)), CAST(t AS DATE), CAST(w AS TIMESTAMP_LTZ(3)),
  CAST(CAST(w AS TIMESTAMP_LTZ(3)) AS STRING), CAST(TO_TIMESTAMP_LTZ(e, 0) AS STRING), TO_TIMESTAMP_LTZ(e, 3),
  CAST(t + INTERVAL '1' HOUR AS STRING), t < CAST(w AS TIMESTAMP_LTZ(3)), CAST('2024-06-01 12:34:56.789' AS TIMESTAMP_LTZ(3))
FROM t;
