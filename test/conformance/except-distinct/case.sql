-- EXCEPT (DISTINCT) of two filtered views of one table: distinct rows of the left side, NULL matching NULL in every
-- column; an updating result: a left row is retracted when the right side gains it.
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
EXCEPT
SELECT k, v FROM t WHERE side = 'R';
