-- late rows still count in an unbounded GROUP BY (no window)
CREATE TABLE t (
  ts TIMESTAMP(3),
  v INT,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  bucket INT,
  n BIGINT
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT v % 2, COUNT(*) FROM t GROUP BY v % 2;
