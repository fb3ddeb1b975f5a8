-- JSON_EXISTS with TRUE / FALSE / UNKNOWN / ERROR ON ERROR over lax and strict paths (a JSON null exists as nothing; a lax wildcard path always selects a list)
CREATE TABLE t (id INT, j STRING) WITH ('connector' = 'filesystem', 'path' = 'rows.json', 'format' = 'json');

CREATE TABLE sink (
  id INT,
  dflt BOOLEAN,
  lax BOOLEAN,
  strict_true BOOLEAN,
  strict_unknown BOOLEAN,
  strict_false BOOLEAN,
  lax_unknown BOOLEAN,
  lax_wild BOOLEAN,
  strict_wild BOOLEAN,
  strict_index BOOLEAN,
  last BOOLEAN,
  lax_error BOOLEAN
) WITH ('connector' = 'print');

INSERT INTO sink
SELECT id,
  JSON_EXISTS(j, '$.v') AS dflt,
  JSON_EXISTS(j, 'lax $.v') AS lax,
  JSON_EXISTS(j, 'strict $.v' TRUE ON ERROR) AS strict_true,
  JSON_EXISTS(j, 'strict $.v' UNKNOWN ON ERROR) AS strict_unknown,
  JSON_EXISTS(j, 'strict $.v' FALSE ON ERROR) AS strict_false,
  JSON_EXISTS(j, 'lax $.v.a' UNKNOWN ON ERROR) AS lax_unknown,
  JSON_EXISTS(j, 'lax $.nope[*]') AS lax_wild,
  JSON_EXISTS(j, 'strict $.v[*].a' UNKNOWN ON ERROR) AS strict_wild,
  JSON_EXISTS(j, 'strict $.v[1]' UNKNOWN ON ERROR) AS strict_index,
  JSON_EXISTS(j, 'lax $.v[-1]') AS last,
  JSON_EXISTS(j, 'lax $.v' ERROR ON ERROR) AS lax_error
FROM t;
