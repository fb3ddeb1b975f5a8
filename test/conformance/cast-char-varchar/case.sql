-- CAST to VARCHAR(n) keeps the first n characters; to CHAR(n) it pads with spaces to n (and truncates). A CHAR
-- value compares as it is, padding included (no blank-padded comparison), and its CHAR_LENGTH counts the padding.
CREATE TABLE t (s STRING) WITH ('connector' = 'filesystem', 'path' = 't.json', 'format' = 'json');

CREATE TABLE sink (a STRING, b STRING, c INT, d STRING, e BOOLEAN, f STRING, g STRING) WITH ('connector' = 'print');

INSERT INTO sink
SELECT CAST(s AS VARCHAR(3)),
  CAST(s AS CHAR(8)) || '|',
  CHAR_LENGTH(CAST(s AS CHAR(8))),
  CAST(CAST(s AS CHAR(2)) AS STRING) || '|',
  CAST(s AS CHAR(8)) = s,
  CAST(12345 AS VARCHAR(2)),
  CAST('abcdef' AS VARCHAR(4))
FROM t;
