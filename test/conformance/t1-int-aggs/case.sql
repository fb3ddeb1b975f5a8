-- SUM, AVG (integer AVG), MIN, MAX of INT per 10 s window
CREATE TABLE T1 (
  `ts` STRING, `int` INT, `double` DOUBLE, `float` DOUBLE, `bigdec` DECIMAL(10, 2), `string` STRING, `name` STRING,
  `rowtime` AS CAST(`ts` AS TIMESTAMP(3)),
  WATERMARK FOR `rowtime` AS `rowtime` - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 't1.json', 'format' = 'json');

CREATE TABLE sink (
  window_start TIMESTAMP(3),
  s INT,
  a INT,
  lo INT,
  hi INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT window_start, SUM(`int`), AVG(`int`), MIN(`int`), MAX(`int`) FROM TABLE(TUMBLE(TABLE T1, DESCRIPTOR(rowtime), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
