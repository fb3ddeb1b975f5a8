-- A partitioned filesystem table read back: the partition columns come from the col=value/ directories (Hive path
-- escaping); _SUCCESS files are skipped. (Flink 1.20 fails on a __DEFAULT_PARTITION__ directory: "Path should not be
-- null or empty"; Sluice reads it as NULL, see test/connectors/filesystem-partitions.test.ts.)
CREATE TABLE t (
  id INT,
  price INT,
  `day` DATE,
  kind STRING
) PARTITIONED BY (`day`, kind) WITH ('connector' = 'filesystem', 'path' = 'in', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  price INT,
  `day` DATE,
  kind STRING,
  day_after DATE
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id, price, `day`, kind, `day` + INTERVAL '1' DAY FROM t WHERE price > 10;
