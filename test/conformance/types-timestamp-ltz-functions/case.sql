-- EXTRACT, HOUR(), DAYOFMONTH() and DATE_FORMAT read a TIMESTAMP_LTZ as its wall clock in the session zone
-- (America/New_York, daylight saving time from 2024-03-10 to 2024-11-03).
SET 'table.local-time-zone' = 'America/New_York';

CREATE TABLE t (
  id INT,
  t TIMESTAMP_LTZ(3),
  e BIGINT,
  w TIMESTAMP(3)
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  h BIGINT,
  d BIGINT,
  m BIGINT,
  formatted STRING,
  from_epoch STRING,
  day_of_month BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, EXTRACT(HOUR FROM t), EXTRACT(DAY FROM t), MINUTE(t), DATE_FORMAT(t, 'yyyy-MM-dd HH:mm:ss'),
  DATE_FORMAT(TO_TIMESTAMP_LTZ(e, 3), 'yyyy-MM-dd HH:mm'), DAYOFMONTH(CAST(w AS TIMESTAMP_LTZ(3)))
FROM t;
