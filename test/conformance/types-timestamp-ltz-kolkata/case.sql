-- TIMESTAMP_LTZ in the session time zone Asia/Kolkata (UTC+05:30, no daylight saving): the same rows as
-- types-timestamp-ltz-berlin, shown and converted in another zone (JSON input in UTC, CAST to STRING / TIMESTAMP /
-- DATE, TIMESTAMP → TIMESTAMP_LTZ, TO_TIMESTAMP_LTZ, comparisons and ± INTERVAL).
SET 'table.local-time-zone' = 'Asia/Kolkata';

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
