-- STDDEV and VARIANCE are Flink's other names for STDDEV_SAMP and VAR_SAMP (result type the argument's: INT stays
-- INT), in a GROUP BY with a retraction-free input.
CREATE TABLE t (k STRING, i INT, d DOUBLE) WITH ('connector' = 'filesystem', 'path' = 't.json', 'format' = 'json');

CREATE TABLE sink (k STRING, si INT, vi INT, sd DOUBLE, vd DOUBLE, same BOOLEAN) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, STDDEV(i), VARIANCE(i), STDDEV(d), VARIANCE(d), STDDEV(d) = STDDEV_SAMP(d) AND VARIANCE(d) = VAR_SAMP(d)
FROM t GROUP BY k;
