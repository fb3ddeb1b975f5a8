-- CAST of TIMESTAMP(3) to STRING and of STRING to TIMESTAMP(3)
CREATE TABLE e (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  s STRING,
  back TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT CAST(ts AS STRING), CAST('2024-01-02 03:04:05.678' AS TIMESTAMP(3)) FROM e WHERE v < 4;
