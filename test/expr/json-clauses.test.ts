/**
 * The clauses of JSON_VALUE, JSON_QUERY and JSON_EXISTS and the path modes, as Flink 1.20 runs them (each answer
 * checked against the Flink oracle; see test/conformance/json-*): RETURNING, NULL | ERROR | DEFAULT … ON EMPTY /
 * ON ERROR, the array wrapper, EMPTY ARRAY / EMPTY OBJECT, TRUE | FALSE | UNKNOWN | ERROR ON ERROR, strict paths
 * (the default) and lax ones, and IS [NOT] JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, ExecutionError, NotImplementedError, PlanError, SqlSyntaxError } from '../../src/index.js';

async function rows(select: string, docs: readonly (string | null)[]): Promise<Record<string, unknown>[]> {
  const engine = new Engine();
  engine.registerTable('t', { columns: [{ name: 'j', type: 'STRING' }], rows: docs.map((j) => ({ j })) });
  return engine.query(`SELECT ${select} FROM t`).toArray();
}

async function failure(select: string, docs: readonly string[]): Promise<Error> {
  try {
    await rows(select, docs);
  } catch (error) {
    return error as Error;
  }
  assert.fail(`expected ${select} to fail`);
}

test('JSON_VALUE: strict by default, lax on request; ON EMPTY and ON ERROR choose NULL or a DEFAULT', async () => {
  const select = (path: string): string => `JSON_VALUE(j, '${path}' DEFAULT 'empty' ON EMPTY DEFAULT 'error' ON ERROR)`;
  assert.deepEqual(await rows(`${select('$.a')} AS dflt, ${select('strict $.a')} AS strict, ${select('lax $.a')} AS lax, JSON_VALUE(j, 'lax $.a') AS plain`,
    ['{"a":"x"}', '{"a":[1]}', '{"a":null}', '{}', 'not json']), [
    { dflt: 'x', strict: 'x', lax: 'x', plain: 'x' },
    { dflt: 'error', strict: 'error', lax: 'empty', plain: null }, // not a scalar
    { dflt: 'error', strict: 'error', lax: 'empty', plain: null }, // a JSON null
    { dflt: 'error', strict: 'error', lax: 'empty', plain: null }, // missing
    { dflt: 'error', strict: 'error', lax: 'empty', plain: null }, // bad JSON
  ]);
});

test('JSON_VALUE RETURNING INT / DOUBLE / BOOLEAN / STRING, with numbers as Java writes them', async () => {
  assert.deepEqual(await rows(`JSON_VALUE(j, 'lax $.i' RETURNING INT DEFAULT -1 ON EMPTY) AS i, JSON_VALUE(j, 'lax $.d' RETURNING DOUBLE) AS d,
      JSON_VALUE(j, 'lax $.b' RETURNING BOOLEAN) AS b, JSON_VALUE(j, 'lax $.d' RETURNING STRING) AS text, JSON_VALUE(j, 'lax $.x' DEFAULT 42 ON EMPTY) AS dflt`,
  ['{"i":7,"d":1e3,"b":true}', '{"i":null,"d":1.0E-5,"b":false}']), [
    { i: 7, d: 1000, b: true, text: '1000.0', dflt: '42' },
    { i: -1, d: 0.00001, b: false, text: '1.0E-5', dflt: '42' },
  ]);
});

test('JSON_VALUE fails the job on ERROR ON EMPTY / ERROR ON ERROR and on a value RETURNING cannot take, naming the call', async () => {
  const empty = await failure(`JSON_VALUE(j, 'lax $.nope' ERROR ON EMPTY)`, ['{}']);
  assert.ok(empty instanceof ExecutionError);
  assert.equal(empty.message, "JSON_VALUE: the path 'lax $.nope' selects no scalar and the call says ERROR ON EMPTY at 1:8");
  const error = await failure(`JSON_VALUE(j, '$.a.b' ERROR ON ERROR)`, ['{"a":{}}']);
  assert.equal(error.message, "JSON_VALUE: No results for path: $['a']['b'] (path '$.a.b', ERROR ON ERROR) at 1:8");
  // Flink 1.20 casts the value read to the RETURNING type's Java class: a string for INT fails whatever ON ERROR says.
  const cast = await failure(`JSON_VALUE(j, '$.a' RETURNING INT NULL ON ERROR)`, ['{"a":"12"}']);
  assert.match(cast.message, /^JSON_VALUE: RETURNING INT takes a JSON integer within INT range, not "12" .* at 1:8$/);
  // strict: a missing key is an error, not an empty result, so ERROR ON EMPTY does not fire (as in Flink)
  assert.deepEqual(await rows(`JSON_VALUE(j, 'strict $.nope' ERROR ON EMPTY) AS v`, ['{}']), [{ v: null }]);
});

test('JSON_QUERY: wrappers, EMPTY ARRAY / EMPTY OBJECT, wildcards and RETURNING ARRAY<STRING>', async () => {
  assert.deepEqual(await rows(`JSON_QUERY(j, 'lax $.v') AS plain, JSON_QUERY(j, 'lax $.v' WITH WRAPPER) AS uncond,
      JSON_QUERY(j, 'lax $.v' WITH CONDITIONAL ARRAY WRAPPER) AS cond, JSON_QUERY(j, 'lax $.v' EMPTY ARRAY ON EMPTY) AS empty,
      JSON_QUERY(j, 'strict $.v' EMPTY OBJECT ON ERROR) AS err, JSON_QUERY(j, 'lax $.w[*].a') AS wild`,
  ['{"v":[1,2.50],"w":[{"a":1},{"b":2},{"a":"x"}]}', '{"v":"s"}', '{"v":{"k":true}}']), [
    { plain: '[1,2.5]', uncond: '[[1,2.5]]', cond: '[1,2.5]', empty: '[1,2.5]', err: '[1,2.5]', wild: '[1,"x"]' },
    { plain: null, uncond: '["s"]', cond: '["s"]', empty: '[]', err: '{}', wild: '[]' },
    { plain: '{"k":true}', uncond: '[{"k":true}]', cond: '[{"k":true}]', empty: '{"k":true}', err: '{"k":true}', wild: '[]' },
  ]);
  assert.deepEqual(await rows(`JSON_QUERY(j, 'lax $.v' RETURNING ARRAY<STRING>) AS arr,
      JSON_QUERY(j, 'strict $.v' RETURNING ARRAY<STRING> EMPTY ARRAY ON ERROR) AS fallback`,
  ['{"v":[1,"a",null,{"b":[1e3]},[true,2]]}', '{"v":{"b":1}}']), [
    { arr: ['1', 'a', null, '{b=[1000.0]}', '[true, 2]'], fallback: ['1', 'a', null, '{b=[1000.0]}', '[true, 2]'] },
    { arr: null, fallback: [] }, // an object is not an array: an error, NULL ON ERROR by default
  ]);
  const error = await failure(`JSON_QUERY(j, 'strict $.v' ERROR ON ERROR)`, ['{"v":1}']);
  assert.equal(error.message, "JSON_QUERY: Strict jsonpath mode requires array or object value, and the actual value is: '1' (path 'strict $.v', ERROR ON ERROR) at 1:8");
});

test('JSON_EXISTS: TRUE / FALSE / UNKNOWN / ERROR ON ERROR; a JSON null exists as nothing', async () => {
  assert.deepEqual(await rows(`JSON_EXISTS(j, '$.v') AS dflt, JSON_EXISTS(j, 'strict $.v' TRUE ON ERROR) AS t,
      JSON_EXISTS(j, 'strict $.v' UNKNOWN ON ERROR) AS u, JSON_EXISTS(j, 'lax $.v') AS lax, JSON_EXISTS(j, 'lax $.nope[*]') AS wild`,
  ['{"v":0}', '{"v":null}', '{}', 'not json']), [
    { dflt: true, t: true, u: true, lax: true, wild: true },
    { dflt: false, t: true, u: null, lax: false, wild: true },
    { dflt: false, t: true, u: null, lax: false, wild: true },
    { dflt: false, t: true, u: null, lax: false, wild: false },
  ]);
  const error = await failure(`JSON_EXISTS(j, 'strict $.v[3]' ERROR ON ERROR)`, ['{"v":[1]}']);
  assert.equal(error.message, "JSON_EXISTS: No results for path: $['v'][3] (path 'strict $.v[3]', ERROR ON ERROR) at 1:8");
});

test('IS [NOT] JSON [VALUE | SCALAR | ARRAY | OBJECT]; NULL is not JSON', async () => {
  assert.deepEqual(await rows(`j IS JSON AS v, j IS JSON SCALAR AS s, j IS JSON ARRAY AS a, j IS JSON OBJECT AS o, j IS NOT JSON AS nv`,
    ['{"a":1}', '[1]', '"x"', '{bad', null]), [
    { v: true, s: false, a: false, o: true, nv: false },
    { v: true, s: false, a: true, o: false, nv: false },
    { v: true, s: true, a: false, o: false, nv: false },
    { v: false, s: false, a: false, o: false, nv: true },
    { v: false, s: false, a: false, o: false, nv: true },
  ]);
});

test('JSON text is read as Jackson reads it: a repeated key keeps its last value, text after the value is not read', async () => {
  assert.deepEqual(await rows(`JSON_VALUE(j, '$.a') AS a, JSON_QUERY(j, '$') AS whole, j IS JSON AS ok`, ['{"a":1,"b":0,"a":2} tail', '1x']), [
    { a: '2', whole: '{"a":2,"b":0}', ok: true },
    { a: null, whole: null, ok: false }, // a number at the top must end at whitespace
  ]);
});

test('clauses Flink 1.20 does not take are refused when planning, misplaced ones when parsing', async () => {
  const planError = async (select: string, message: RegExp): Promise<void> => {
    const error = await failure(select, ['{}']);
    assert.ok(error instanceof PlanError, error.message);
    assert.match(error.message, message);
  };
  await planError(`JSON_VALUE(j, '$.a' RETURNING BIGINT)`, /^Function 'JSON_VALUE' cannot return BIGINT: Flink 1\.20 takes RETURNING STRING, INT, DOUBLE or BOOLEAN at 1:38$/);
  await planError(`JSON_VALUE(j, '$.a' RETURNING CHAR(3))`, /^Function 'JSON_VALUE' cannot return CHAR: /);
  await planError(`JSON_VALUE(j, '$.a' RETURNING INT DEFAULT 'x' ON EMPTY)`, /DEFAULT of type STRING for RETURNING INT/);
  await planError(`JSON_VALUE(j, '$.a' DEFAULT j ON ERROR)`, /DEFAULT takes a constant/);
  await planError(`JSON_VALUE(j, '$.a' DEFAULT NULL ON ERROR)`, /DEFAULT NULL is not allowed/);
  await planError(`JSON_QUERY(j, '$.a' RETURNING ARRAY<STRING> EMPTY OBJECT ON EMPTY)`, /does not take EMPTY OBJECT here/);
  await planError(`JSON_EXISTS(j, '$.a' NULL ON EMPTY)`, /takes only \[TRUE \| FALSE \| UNKNOWN \| ERROR\] ON ERROR/);
  await planError(`JSON_VALUE(j, '$.a' WITH WRAPPER)`, /takes no WRAPPER clause/);
  const filter = await failure(`JSON_QUERY(j, '$.a[?(@.b in [1, 2])]')`, ['{}']);
  assert.ok(filter instanceof NotImplementedError);
  assert.match(filter.message, /^Function 'JSON_QUERY': JSON path '\$\.a\[\?\(@\.b in \[1, 2\]\)\]': the operator 'in' in a filter is not supported yet .* at 1:22$/);
  for (const [select, message] of [
    [`JSON_VALUE(j, '$.a' NULL ON ERROR NULL ON EMPTY)`, /^Unexpected 'EMPTY' in JSON_VALUE\(…\) at 1:50/],
    [`JSON_QUERY(j, '$.a' EMPTY LIST ON EMPTY)`, /^Unexpected 'LIST'.* at 1:34$/],
    [`UPPER(j RETURNING STRING)`, /^Unexpected 'RETURNING' in the arguments of UPPER at 1:16/],
  ] as const) {
    const error = await failure(select, ['{}']);
    assert.ok(error instanceof SqlSyntaxError, error.message);
    assert.match(error.message, message);
  }
});
