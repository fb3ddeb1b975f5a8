-- BIGINT % INT has the divisor's type INT in Flink (found by the differential fuzzer, seeds 20058 and 20066):
-- the INT product then wraps around as Java's int does; with a BIGINT divisor it does not.
CREATE TABLE t (
  ts TIMESTAMP(3),
  v1 BIGINT,
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  c0 INT,
  c1 BIGINT,
  c2 BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT v1 % 3, (v1 % 3) * 2147483647, (v1 % CAST(3 AS BIGINT)) * 2147483647 FROM t;
