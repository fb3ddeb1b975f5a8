-- JSON numbers read into STRING columns keep their text as written (1.0, -0, 1e2, 2.50), top-level and inside an
-- array, whether or not the line also holds a number too long for a double (which takes another parser).
CREATE TABLE t (a STRING, b STRING, c STRING, d STRING, e STRING, f STRING, g ARRAY<STRING>) WITH ('connector' = 'filesystem', 'path' = 't.json', 'format' = 'json');

CREATE TABLE sink (a STRING, b STRING, c STRING, d STRING, e STRING, f STRING, g STRING) WITH ('connector' = 'print');

INSERT INTO sink SELECT a, b, c, d, e, f, CAST(g AS STRING) FROM t;
