-- INTERSECT (DISTINCT) of two filtered views of one table: distinct rows of the left side, NULL matching NULL in every
-- column; append-only over append-only inputs.
CREATE TABLE t (
  ts TIMESTAMP(3),
  side STRING,
  k STRING,
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  v INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k, v FROM t WHERE side = 'L'
INTERSECT
SELECT k, v FROM t WHERE side = 'R';
