-- JSON_OBJECT with KEY … VALUE and without KEY, NULL ON NULL (default) and ABSENT ON NULL, nested JSON_OBJECT / JSON_ARRAY values, JSON_ARRAY ON NULL
CREATE TABLE t (
  ts TIMESTAMP(3),
  k STRING,
  i INT,
  b BIGINT,
  m DECIMAL(10, 2),
  s STRING,
  f BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  k STRING,
  o1 STRING,
  o2 STRING,
  o3 STRING,
  o4 STRING,
  a1 STRING,
  a2 STRING,
  a3 STRING,
  o5 STRING
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT k,
  JSON_OBJECT(KEY 'i' VALUE i, KEY 'b' VALUE b, KEY 's' VALUE s),
  JSON_OBJECT('m' VALUE m, 'f' VALUE f, 's' VALUE s ABSENT ON NULL),
  JSON_OBJECT('s' VALUE s NULL ON NULL),
  JSON_OBJECT('nested' VALUE JSON_OBJECT('i' VALUE i), 'arr' VALUE JSON_ARRAY(i, s, 'x'), 'text' VALUE '[1]'),
  JSON_ARRAY(i, s NULL ON NULL),
  JSON_ARRAY(JSON_ARRAY(i), s),
  JSON_ARRAY(m),
  JSON_OBJECT('z' VALUE 1, 'Z' VALUE 2, 'a' VALUE JSON_OBJECT('y' VALUE 1, 'x' VALUE 2))
FROM t;
