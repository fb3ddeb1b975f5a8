-- testEventTimeTumbleWindowWithOffset: 1 day, offset 8 hours
CREATE TABLE T1 (
  `ts` STRING, `int` INT, `double` DOUBLE, `float` DOUBLE, `bigdec` DECIMAL(10, 2), `string` STRING, `name` STRING,
  `rowtime` AS CAST(`ts` AS TIMESTAMP(3)),
  WATERMARK FOR `rowtime` AS `rowtime` - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 't1.json', 'format' = 'json');

CREATE TABLE sink (
  name STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  cnt BIGINT,
  sum_bigdec DECIMAL(38, 2),
  max_double DOUBLE,
  min_float DOUBLE,
  uv BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT `name`, window_start, window_end, COUNT(*), SUM(`bigdec`), MAX(`double`), MIN(`float`), COUNT(DISTINCT `string`) FROM TABLE(TUMBLE(TABLE T1, DESCRIPTOR(rowtime), INTERVAL '1' DAY, INTERVAL '8' HOUR)) GROUP BY `name`, window_start, window_end;
