-- unbounded GROUP BY name over the ITCase data (late rows count here)
CREATE TABLE T1 (
  `ts` STRING, `int` INT, `double` DOUBLE, `float` DOUBLE, `bigdec` DECIMAL(10, 2), `string` STRING, `name` STRING,
  `rowtime` AS CAST(`ts` AS TIMESTAMP(3)),
  WATERMARK FOR `rowtime` AS `rowtime` - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 't1.json', 'format' = 'json');

CREATE TABLE sink (
  name STRING,
  cnt BIGINT,
  s INT,
  d DOUBLE
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT `name`, COUNT(*), SUM(`int`), MAX(`double`) FROM T1 GROUP BY `name`;
