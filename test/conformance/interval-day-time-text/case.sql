-- Day-time intervals (Flink's INTERVAL SECOND(3), milliseconds) as Flink 1.20 writes them, `+days hh:mm:ss.fff`:
-- literals of every qualifier with leading and fraction precisions (`DAY(3)`, `SECOND(2, 3)`, `DAY(1) TO SECOND(3)`),
-- signs before and inside the text, a 99-hour HOUR TO MINUTE, products with INT and BIGINT either way round,
-- interval ± interval, unary minus, and TIMESTAMP ± them. (No sink column can have an interval type in Flink.)
CREATE TABLE t (
  id INT,
  ts TIMESTAMP(3),
  n INT,
  b BIGINT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  day3 STRING,
  second_fraction STRING,
  day_to_second STRING,
  hour_to_minute STRING,
  minute_to_second STRING,
  negative STRING,
  sign_inside STRING,
  times_n STRING,
  big_times STRING,
  plus_minus STRING,
  negated STRING,
  ts_plus STRING,
  ts_minus STRING,
  compared BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  CAST(INTERVAL '100' DAY(3) AS STRING),
  CAST(INTERVAL '1.5' SECOND(2, 3) AS STRING),
  CAST(INTERVAL '1 02:03:04.005' DAY(1) TO SECOND(3) AS STRING),
  CAST(INTERVAL '99:30' HOUR TO MINUTE AS STRING),
  CAST(INTERVAL '59:59.999' MINUTE TO SECOND AS STRING),
  CAST(INTERVAL -'26' HOUR AS STRING),
  CAST(INTERVAL '-0.001' SECOND AS STRING),
  CAST(INTERVAL '1 12' DAY TO HOUR * n AS STRING),
  CAST(b * INTERVAL '1' SECOND AS STRING),
  CAST(INTERVAL '1' DAY - INTERVAL '1' SECOND + INTERVAL '0.5' SECOND AS STRING),
  CAST(-(INTERVAL '2' MINUTE * n) AS STRING),
  CAST(ts + INTERVAL '1 02:00:00.5' DAY TO SECOND * n AS STRING),
  CAST(ts - INTERVAL '36' HOUR AS STRING),
  INTERVAL '1' HOUR * n >= INTERVAL '3' HOUR
FROM t;
