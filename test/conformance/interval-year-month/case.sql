-- Year-month intervals (Flink's INTERVAL MONTH, a number of months) as Flink 1.20 computes and writes them:
-- literals (YEAR, MONTH, YEAR TO MONTH, a sign, a leading precision), DATE / TIMESTAMP(p) / TIMESTAMP_LTZ ± months
-- with the day clamped to the end of the month (a TIMESTAMP_LTZ counts months on its instant as in UTC, as Flink does
-- here in Asia/Shanghai), interval ± interval, interval × integer (a Java int: 3000000000 years wrap), comparison,
-- CASE, TIME ± months (the time unchanged), TIMESTAMPADD(MONTH / QUARTER / YEAR) alike; and the text of both
-- interval kinds (`+2-03`, `+1 02:03:04.500`), which is also how Flink's SQL client shows interval values. (A sink column cannot have an interval type: Flink's
-- CREATE TABLE refuses it, hence the CASTs to STRING.)
SET 'table.local-time-zone' = 'Asia/Shanghai';

CREATE TABLE t (
  id INT,
  d DATE,
  ts TIMESTAMP(3),
  ts6 TIMESTAMP(6),
  ltz TIMESTAMP_LTZ(3),
  n INT,
  b BIGINT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  one_year STRING,
  year_to_month STRING,
  negative STRING,
  with_precision STRING,
  date_plus STRING,
  date_minus STRING,
  ts_plus STRING,
  ts6_minus STRING,
  ltz_plus STRING,
  plus_minus STRING,
  times_n STRING,
  big_times STRING,
  greater BOOLEAN,
  chosen STRING,
  day_time STRING,
  time_plus STRING,
  add_months STRING,
  add_quarters STRING,
  add_year STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  CAST(INTERVAL '1' YEAR AS STRING),
  CAST(INTERVAL '2-3' YEAR TO MONTH AS STRING),
  CAST(INTERVAL -'14' MONTH AS STRING),
  CAST(INTERVAL '100' YEAR(3) AS STRING),
  CAST(d + INTERVAL '1' MONTH AS STRING),
  CAST(d - INTERVAL '1-1' YEAR TO MONTH AS STRING),
  CAST(ts + INTERVAL '1' MONTH AS STRING),
  CAST(ts6 - INTERVAL '1' YEAR AS STRING),
  CAST(ltz + INTERVAL '1' MONTH AS STRING),
  CAST(INTERVAL '1' YEAR - INTERVAL '3' MONTH + INTERVAL '1' MONTH AS STRING),
  CAST(INTERVAL '5' MONTH * n AS STRING),
  CAST(b * INTERVAL '1' YEAR AS STRING),
  INTERVAL '1' YEAR * n > INTERVAL '11' MONTH,
  CAST(CASE WHEN n > 0 THEN INTERVAL '1' YEAR ELSE -INTERVAL '1' MONTH END AS STRING),
  CAST(INTERVAL '1 02:03:04.5' DAY TO SECOND * n AS STRING),
  CAST(TIME '10:00:00' + INTERVAL '1' MONTH * n AS STRING),
  CAST(TIMESTAMPADD(MONTH, n, d) AS STRING),
  CAST(TIMESTAMPADD(QUARTER, n, ts) AS STRING),
  CAST(TIMESTAMPADD(YEAR, 1, d) AS STRING)
FROM t;
