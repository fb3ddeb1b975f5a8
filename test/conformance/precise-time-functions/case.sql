-- FLOOR / CEIL (ts TO unit), TIMESTAMPADD and TIMESTAMPDIFF over TIMESTAMP(p) and TIMESTAMP_LTZ(p) of precision 0 to 9:
-- FLOOR / CEIL and TIMESTAMPADD keep the argument's type (TIMESTAMP(0) stays TIMESTAMP(0), TIMESTAMP(9) TIMESTAMP(9));
-- FLOOR / CEIL round the millisecond (CEIL TO SECOND of 10:00:05.000000500 is 10:00:05; only TO MILLISECOND looks
-- finer); TIMESTAMPADD keeps the sub-millisecond digits; TIMESTAMPDIFF counts milliseconds, MICROSECOND and
-- NANOSECOND whole seconds, and an INT wraps. A TIMESTAMP_LTZ rounds its wall clock in the session zone. Weeks start
-- on Sunday. (No value on the first day of a month: Flink 1.20 ceils only its date there, docs/sql.md.)
SET 'table.local-time-zone' = 'Asia/Shanghai';

CREATE TABLE t (
  id INT,
  ts0 TIMESTAMP(0),
  ts3 TIMESTAMP(3),
  ts6 TIMESTAMP(6),
  ts9 TIMESTAMP(9),
  l9 TIMESTAMP_LTZ(9)
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  floor_s6 TIMESTAMP(6),
  ceil_s6 TIMESTAMP(6),
  floor_ms9 TIMESTAMP(9),
  ceil_ms9 TIMESTAMP(9),
  floor_min0 STRING,
  ceil_day6 STRING,
  floor_week9 STRING,
  ceil_month6 STRING,
  floor_hour_l9 STRING,
  ceil_day_l9 STRING,
  add_s9 STRING,
  add_month6 STRING,
  add_hour0 STRING,
  add_day_l9 STRING,
  diff_s INT,
  diff_min INT,
  diff_us INT,
  diff_ns BIGINT,
  diff_us_30d INT,
  diff_s_100y INT,
  diff_month INT,
  diff_day_l9 INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, FLOOR(ts6 TO SECOND), CEIL(ts6 TO SECOND), FLOOR(ts9 TO MILLISECOND), CEIL(ts9 TO MILLISECOND),
  CAST(FLOOR(ts0 TO MINUTE) AS STRING), CAST(CEIL(ts6 TO DAY) AS STRING), CAST(FLOOR(ts9 TO WEEK) AS STRING),
  CAST(CEIL(ts6 TO MONTH) AS STRING), CAST(FLOOR(l9 TO HOUR) AS STRING), CAST(CEIL(l9 TO DAY) AS STRING),
  CAST(TIMESTAMPADD(SECOND, 1, ts9) AS STRING), CAST(TIMESTAMPADD(MONTH, 1, ts6) AS STRING),
  CAST(TIMESTAMPADD(HOUR, -1, ts0) AS STRING), CAST(TIMESTAMPADD(DAY, 1, l9) AS STRING),
  TIMESTAMPDIFF(SECOND, ts3, TIMESTAMPADD(SECOND, 2, ts9)), TIMESTAMPDIFF(MINUTE, ts9, TIMESTAMPADD(HOUR, 1, ts6)),
  TIMESTAMPDIFF(MICROSECOND, ts0, TIMESTAMPADD(SECOND, 3, ts9)), TIMESTAMPDIFF(NANOSECOND, ts6, TIMESTAMPADD(MINUTE, -1, ts0)),
  TIMESTAMPDIFF(MICROSECOND, ts0, TIMESTAMPADD(DAY, 30, ts0)), TIMESTAMPDIFF(SECOND, ts0, TIMESTAMPADD(YEAR, 100, ts0)),
  TIMESTAMPDIFF(MONTH, ts9, TIMESTAMPADD(MONTH, 1, ts6)), TIMESTAMPDIFF(DAY, l9, TIMESTAMPADD(DAY, 2, l9))
FROM t;
