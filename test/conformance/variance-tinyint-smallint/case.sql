-- STDDEV_* and VAR_* over TINYINT and SMALLINT: the result has the argument's type, and Flink's arithmetic over
-- SUM(x·x), SUM(x) and COUNT(x) runs in it, so squares and sums wrap at 8 / 16 bits (group w) and divisions truncate.
CREATE TABLE t (
  k STRING,
  b TINYINT,
  s SMALLINT
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  vp_b TINYINT,
  vs_b TINYINT,
  sp_b TINYINT,
  ss_b TINYINT,
  vp_s SMALLINT,
  vs_s SMALLINT,
  sp_s SMALLINT,
  ss_s SMALLINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, VAR_POP(b), VAR_SAMP(b), STDDEV_POP(b), STDDEV_SAMP(b), VAR_POP(s), VAR_SAMP(s), STDDEV_POP(s), STDDEV_SAMP(s)
FROM t GROUP BY k;
