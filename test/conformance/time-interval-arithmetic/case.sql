-- TIME ± a day-time INTERVAL: a time of day, wrapping around midnight (whole days drop out), precision kept.
-- (The inputs have whole seconds: Flink's JSON format drops the fraction of a TIME, Sluice's keeps it.)
CREATE TABLE t (
  id INT,
  t TIME(0),
  t3 TIME(3)
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  plus_hour TIME(0),
  minus_hour TIME(0),
  plus_days TIME(0),
  interval_plus TIME(0),
  minus_long TIME(0),
  plus_millis TIME(3),
  minus_millis TIME(3),
  literal_wrap TIME(0)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, t + INTERVAL '1' HOUR, t - INTERVAL '1' HOUR, t + INTERVAL '2 01:00:00' DAY TO SECOND,
  INTERVAL '45' MINUTE + t, t - INTERVAL '50' HOUR, t3 + INTERVAL '0.750' SECOND, t3 - INTERVAL '0.500' SECOND,
  TIME '23:00:00' + INTERVAL '3' HOUR
FROM t;
