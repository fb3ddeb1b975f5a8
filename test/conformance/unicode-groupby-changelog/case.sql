-- unbounded GROUP BY over unicode keys
CREATE TABLE people (
  ts TIMESTAMP(3),
  name STRING,
  city STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  city STRING,
  n BIGINT,
  hi STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT city, COUNT(*), MAX(name) FROM people GROUP BY city;
