-- REGEXP_REPLACE takes its replacement literally: Flink 1.20 calls replaceAll(p, Matcher.quoteReplacement(r)),
-- so `$1`, `${name}` and `\` are plain text, not group references or escapes.
CREATE TABLE sink (
  id INT,
  s STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT 1, REGEXP_REPLACE('2020-04-15', '(\d+)-(\d+)-(\d+)', '$3.$2.$1')
UNION ALL
SELECT 2, REGEXP_REPLACE('a-b-c', '(?<first>[a-z])-', '[${first}]')
UNION ALL
SELECT 3, REGEXP_REPLACE('a.b', '\.', '\$')
UNION ALL
SELECT 4, REGEXP_REPLACE('banana', 'an', '$')
UNION ALL
SELECT 5, REGEXP_REPLACE('a1b22c', '[0-9]+', '#');
