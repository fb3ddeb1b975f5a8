-- testCascadeEventTimeTumbleWindowWithOffset: TUMBLE 1 day offset 8 h over TUMBLE 5 s
CREATE TABLE T1 (
  `ts` STRING, `int` INT, `double` DOUBLE, `float` DOUBLE, `bigdec` DECIMAL(10, 2), `string` STRING, `name` STRING,
  `rowtime` AS CAST(`ts` AS TIMESTAMP(3)),
  WATERMARK FOR `rowtime` AS `rowtime` - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 't1.json', 'format' = 'json');

CREATE VIEW window1 AS
SELECT `name`, window_start AS ws, window_end AS we, window_time AS rowtime, SUM(`int`) AS sum_int
FROM TABLE(TUMBLE(TABLE T1, DESCRIPTOR(rowtime), INTERVAL '5' SECOND)) GROUP BY `name`, window_start, window_end, window_time;

CREATE TABLE sink (
  name STRING,
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  total BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT `name`, window_start, window_end, SUM(sum_int) FROM TABLE(TUMBLE(TABLE window1, DESCRIPTOR(rowtime), INTERVAL '1' DAY, INTERVAL '8' HOUR)) GROUP BY `name`, window_start, window_end;
