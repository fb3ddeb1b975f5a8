-- TIMESTAMPADD and TIMESTAMPDIFF over TIMESTAMP_LTZ count on the instant (months as in UTC, as Flink does);
-- FLOOR and CEIL round its wall clock in the session zone (America/Los_Angeles, daylight saving time from 2024-03-10 to 2024-11-03).
SET 'table.local-time-zone' = 'America/Los_Angeles';

CREATE TABLE t (
  id INT,
  t TIMESTAMP_LTZ(3),
  u TIMESTAMP_LTZ(3)
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  plus_hours STRING,
  plus_month STRING,
  diff_days INT,
  diff_hours INT,
  diff_months INT,
  floor_day STRING,
  ceil_hour STRING,
  floor_month STRING,
  ceil_year STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, CAST(TIMESTAMPADD(HOUR, 10, t) AS STRING), CAST(TIMESTAMPADD(MONTH, 1, t) AS STRING),
  TIMESTAMPDIFF(DAY, t, u), TIMESTAMPDIFF(HOUR, t, u), TIMESTAMPDIFF(MONTH, t, u),
  CAST(FLOOR(t TO DAY) AS STRING), CAST(CEIL(t TO HOUR) AS STRING), CAST(FLOOR(t TO MONTH) AS STRING), CAST(CEIL(t TO YEAR) AS STRING)
FROM t;
