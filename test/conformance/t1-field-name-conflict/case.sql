-- testFieldNameConflict: MIN/MAX of the rowtime
CREATE TABLE T1 (
  `ts` STRING, `int` INT, `double` DOUBLE, `float` DOUBLE, `bigdec` DECIMAL(10, 2), `string` STRING, `name` STRING,
  `rowtime` AS CAST(`ts` AS TIMESTAMP(3)),
  WATERMARK FOR `rowtime` AS `rowtime` - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 't1.json', 'format' = 'json');

CREATE TABLE sink (
  window_time TIMESTAMP(3),
  start_time TIMESTAMP(3),
  end_time TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_time, MIN(rowtime) AS start_time, MAX(rowtime) AS end_time FROM TABLE(TUMBLE(TABLE T1, DESCRIPTOR(rowtime), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, window_time;
