-- UNNEST of a MAP in the comma form: one row per entry (key, value), a NULL value kept, empty and NULL maps produce nothing
CREATE TABLE t (
  id INT,
  qty MAP<STRING, INT>
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  k STRING,
  v INT,
  doubled INT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT t.id, e.k, e.v, e.v * 2
FROM t, UNNEST(t.qty) AS e (k, v);
