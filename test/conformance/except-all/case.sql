-- EXCEPT ALL of two filtered views of one table: each row as many times as it is on the left side more than on the
-- right (a multiset difference), NULL matching NULL in every column; an updating result.
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
EXCEPT ALL
SELECT k, v FROM t WHERE side = 'R';
