-- Subqueries in a JOIN's ON condition: an uncorrelated EXISTS (TRUE here: c has a v above 30) AND-ed to the equality.
CREATE TABLE a (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'a.json', 'format' = 'json');
CREATE TABLE b (k INT, w INT) WITH ('connector' = 'filesystem', 'path' = 'b.json', 'format' = 'json');
CREATE TABLE c (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'c.json', 'format' = 'json');
CREATE TABLE sink (k INT, v INT, w INT) WITH ('connector' = 'print');
INSERT INTO sink
SELECT a.k, a.v, b.w FROM a JOIN b ON a.k = b.k AND EXISTS (SELECT 1 FROM c WHERE c.v > 30);
