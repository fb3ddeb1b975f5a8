-- Subqueries in a JOIN's ON condition of a LEFT join: a left column compared with a correlated scalar subquery and an
-- uncorrelated one.
CREATE TABLE a (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'a.json', 'format' = 'json');
CREATE TABLE b (k INT, w INT) WITH ('connector' = 'filesystem', 'path' = 'b.json', 'format' = 'json');
CREATE TABLE c (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'c.json', 'format' = 'json');
CREATE TABLE sink (k INT, v INT, w INT) WITH ('connector' = 'print');
INSERT INTO sink
SELECT a.k, a.v, b.w FROM a LEFT JOIN b ON a.k = b.k AND a.v >= (SELECT MAX(c.v) FROM c WHERE c.k = a.k) AND a.v > (SELECT MIN(v) FROM c);
