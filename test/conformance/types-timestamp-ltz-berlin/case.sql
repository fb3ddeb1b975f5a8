-- TIMESTAMP_LTZ in the session time zone Europe/Berlin (summer time starts 2024-03-31 02:00, ends 2024-10-27 03:00):
-- JSON input in UTC ('…Z'), CAST to STRING / TIMESTAMP / DATE in Berlin wall-clock time, TIMESTAMP → TIMESTAMP_LTZ
-- (a wall clock in the spring-forward gap moves forward, a repeated one takes summer time), TO_TIMESTAMP_LTZ from
-- epoch seconds and milliseconds, comparisons and ± INTERVAL.
SET 'table.local-time-zone' = 'Europe/Berlin';

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
