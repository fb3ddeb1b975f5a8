-- Subqueries in a JOIN's ON condition: a left column compared with a scalar subquery correlated to the join's left
-- input (INNER join; k = 2 has no c rows: MAX is NULL, no match).
CREATE TABLE a (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'a.json', 'format' = 'json');
CREATE TABLE b (k INT, w INT) WITH ('connector' = 'filesystem', 'path' = 'b.json', 'format' = 'json');
CREATE TABLE c (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'c.json', 'format' = 'json');
CREATE TABLE sink (k INT, v INT, w INT) WITH ('connector' = 'print');
INSERT INTO sink
SELECT a.k, a.v, b.w FROM a JOIN b ON a.k = b.k AND a.v >= (SELECT MAX(c.v) FROM c WHERE c.k = a.k);
