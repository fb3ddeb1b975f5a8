-- Comparisons across precisions (TIMESTAMP(3) meets TIMESTAMP(6) as a TIMESTAMP(6)), grouping by a TIMESTAMP(9), MIN/MAX
CREATE TABLE d (
  k STRING,
  ts3 TIMESTAMP(3),
  ts6 TIMESTAMP(6),
  ts9 TIMESTAMP(9)
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  ts9 TIMESTAMP(9),
  n BIGINT,
  first6 TIMESTAMP(6),
  last6 TIMESTAMP(6),
  later3 BIGINT,
  latest TIMESTAMP(6)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT ts9, COUNT(*), MIN(ts6), MAX(ts6),
  COUNT(*) FILTER (WHERE ts3 > ts6),
  MAX(CASE WHEN ts3 > ts6 THEN ts3 ELSE ts6 END)
FROM d
WHERE ts9 > TIMESTAMP '2020-01-01 10:00:05.123456788' OR ts6 >= ts3
GROUP BY ts9;
