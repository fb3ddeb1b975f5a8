-- Subqueries in a JOIN's ON condition: a left column compared with an uncorrelated scalar subquery (INNER join; the
-- average changes as c is read, so joined rows are retracted and emitted again).
CREATE TABLE a (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'a.json', 'format' = 'json');
CREATE TABLE b (k INT, w INT) WITH ('connector' = 'filesystem', 'path' = 'b.json', 'format' = 'json');
CREATE TABLE c (k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 'c.json', 'format' = 'json');
CREATE TABLE sink (k INT, v INT, w INT) WITH ('connector' = 'print');
INSERT INTO sink
SELECT a.k, a.v, b.w FROM a JOIN b ON a.k = b.k AND a.v > (SELECT AVG(v) FROM c);
