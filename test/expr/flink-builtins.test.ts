/**
 * Flink 1.20's string, ARRAY_* / MAP_* and watermark built-ins: SQL in, rows out, for what the conformance cases
 * (string-builtins, array-builtins, current-watermark) cannot show — errors, types, non-determinism.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';
import { isNonDeterministicOp } from '../../src/dataflow/expr.js';

async function row(sql: string): Promise<Record<string, unknown>> {
  const rows = await new Engine().query(sql).toArray();
  return { ...rows[0]! };
}

async function failure(sql: string): Promise<string> {
  try {
    await new Engine().query(sql).toArray();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

test('string built-ins on literals', async () => {
  assert.deepEqual(await row(`SELECT BIN(5) AS b, HEX(-1) AS h, LOCATE('b', 'abcb', 3) AS l, INSTR('abc', 'c') AS i,
    STR_TO_MAP('k1:v1;k2', ';', ':')['k1'] AS m, CARDINALITY(SPLIT('a-b-', '-')) AS s, IS_DIGIT('') AS d,
    PARSE_URL('https://x.org/p?a=1', 'PROTOCOL') AS p, CONVERT_TZ('2020-01-01 00:00:00', 'Europe/Berlin', 'UTC') AS tz`), {
    b: '101', h: 'FFFFFFFFFFFFFFFF', l: 4, i: 3, m: 'v1', s: 3, d: false, p: 'https', tz: '2019-12-31 23:00:00',
  });
});

test('ENCODE and DECODE: bytes of each charset, a character the charset lacks as ?', async () => {
  const r = await row(`SELECT ENCODE('é', 'UTF-16') AS bom, ENCODE('é€', 'ISO-8859-1') AS latin, DECODE(ENCODE('ü', 'UTF-16LE'), 'utf-16le') AS back`);
  assert.deepEqual([...(r['bom'] as Uint8Array)], [0xfe, 0xff, 0x00, 0xe9]);
  assert.deepEqual([...(r['latin'] as Uint8Array)], [0xe9, 0x3f]);
  assert.equal(r['back'], 'ü');
  assert.match(await failure(`SELECT ENCODE('a', 'EBCDIC')`), /Unsupported charset 'EBCDIC'/);
  assert.match(await failure(`SELECT DECODE('a', 'UTF-8')`), /Function 'DECODE' takes BYTES as argument 1, not STRING/);
});

test('array built-ins: types meet at the common element type; wrong arguments are named', async () => {
  const engine = new Engine();
  const result = engine.query(`SELECT ARRAY_APPEND(ARRAY[1.5, 2], 2) AS a, ARRAY_CONCAT(ARRAY[1], ARRAY[CAST(2 AS BIGINT)]) AS c,
    MAP_ENTRIES(MAP['k', 1]) AS e, ARRAY_MAX(ARRAY['b', 'c', 'a']) AS mx`);
  assert.deepEqual(result.columns.map((c) => c.type), ['ARRAY<DECIMAL(11, 1)>', 'ARRAY<BIGINT>', 'ARRAY<ROW<`key` STRING, `value` INT>>', 'STRING']);
  const [r] = await result.toArray();
  assert.deepEqual([...(r!['c'] as bigint[])], [1n, 2n]);
  assert.equal(r!['mx'], 'c');
  assert.match(await failure(`SELECT ARRAY_JOIN(ARRAY[1, 2], ',')`), /Function 'ARRAY_JOIN' takes an ARRAY<STRING> as argument 1, not ARRAY<INT>/);
  assert.match(await failure(`SELECT ARRAY_APPEND(ARRAY[1], 1.5)`), /Function 'ARRAY_APPEND' takes an element of type INT as argument 2, not DECIMAL\(2, 1\)/);
  assert.match(await failure(`SELECT ARRAY_SORT(ARRAY[ARRAY[1]])`), /takes an ARRAY of comparable elements/);
  assert.match(await failure(`SELECT ARRAY_DISTINCT(1)`), /Function 'ARRAY_DISTINCT' takes an ARRAY as argument 1, not INT/);
  assert.match(await failure(`SELECT MAP_FROM_ARRAYS(ARRAY[1, 2], ARRAY['a'])`), /the length of the keys array 2 is not equal to the length of the values array 1/);
});

test('UUID is a fresh version 4 UUID per row and marked non-deterministic', async () => {
  const rows = await new Engine().query('SELECT UUID() AS u FROM (VALUES (1), (2)) AS t (x)').toArray();
  const [a, b] = rows.map((r) => r['u'] as string);
  assert.match(a!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, b);
  assert.equal(isNonDeterministicOp('uuid'), true);
  assert.equal(isNonDeterministicOp('current-watermark'), true);
});

test('names Flink 1.20 has but Sluice does not implement are "not supported yet"; names it lacks are unknown', async () => {
  assert.match(await failure('SELECT TYPEOF(1)'), /Function 'TYPEOF' is not supported yet/);
  assert.match(await failure(`SELECT ELT(1, 'a')`), /No function named 'ELT'/);
  assert.match(await failure(`SELECT URL_DECODE('a')`), /No function named 'URL_DECODE'/);
  assert.match(await failure('SELECT ELEMENT(ARRAY[1, 2])'), /ELEMENT: the array has 2 elements, not one/);
});

test('CURRENT_WATERMARK takes a rowtime attribute, in SELECT and WHERE only', async () => {
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (ts TIMESTAMP(3), v INT, WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen')`);
  assert.match(await engine.explain('SELECT CURRENT_WATERMARK(ts) FROM t'), /CURRENT_WATERMARK|current-watermark/i);
  assert.throws(() => engine.query('SELECT CURRENT_WATERMARK(v) FROM t'), /The argument of CURRENT_WATERMARK must be a rowtime attribute, not INT/);
  assert.throws(() => engine.query('SELECT COUNT(*) FROM t GROUP BY CURRENT_WATERMARK(ts)'), /CURRENT_WATERMARK in GROUP BY is not supported yet/);
  assert.throws(() => engine.query('SELECT SUM(v) OVER (ORDER BY ts), CURRENT_WATERMARK(ts) FROM t'), /CURRENT_WATERMARK in a SELECT list with OVER aggregations is not supported yet/);
});
