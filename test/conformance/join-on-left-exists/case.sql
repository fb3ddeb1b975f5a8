-- Subqueries in a JOIN's ON condition of a LEFT join: an EXISTS correlated to the left input decides which left rows
-- may match; the others are padded with NULLs.
CREATE TABLE a (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'a.json', 'format' = 'json');
CREATE TABLE b (k INT, w INT) WITH ('connector' = 'filesystem', 'path' = 'b.json', 'format' = 'json');
CREATE TABLE c (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'c.json', 'format' = 'json');
CREATE TABLE sink (k INT, v INT, w INT) WITH ('connector' = 'print');
INSERT INTO sink
SELECT a.k, a.v, b.w FROM a LEFT JOIN b ON a.k = b.k AND EXISTS (SELECT 1 FROM c WHERE c.k = a.k);
