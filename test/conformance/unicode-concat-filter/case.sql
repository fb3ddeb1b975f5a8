-- || and comparisons on unicode strings
CREATE TABLE people (
  ts TIMESTAMP(3),
  name STRING,
  city STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  label STRING,
  after BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT name || '@' || city, name > 'Z' FROM people WHERE city <> 'Zürich';
