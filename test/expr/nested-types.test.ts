/**
 * ROW, ARRAY, MAP and BYTES end to end: DDL, JSON files in and out, Arrow batches (with NULLs and slices), field
 * and element access, constructors, CARDINALITY, CAST to STRING, comparisons, grouping by nested keys on both state
 * backends, results through the embedded API, and errors that name the field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, PlanError } from '../../src/index.js';
import { arrayType, BIGINT, BYTES, INT, mapType, rowType, STRING, timestamp } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { makeBatch, readColumns } from '../../src/runtime/batch.js';

const PERSON = 'ROW<id BIGINT, name STRING, `dateTime` TIMESTAMP(3), tags ARRAY<STRING>>';
const LINES = [
  '{"kind": 0, "person": {"id": 7, "name": "Ann", "dateTime": "2020-04-15 08:05:00", "tags": ["a", "b"]}, "attrs": {"x": 1, "y": 2}, "raw": "aGk="}',
  '{"kind": 1, "person": null, "attrs": {}, "raw": null}',
  '{"kind": 0, "person": {"id": 8, "name": null, "tags": [null, "c"]}, "attrs": null, "raw": ""}',
];

function jsonTable(dir: string, lines = LINES, extra = ''): string {
  writeFileSync(join(dir, 'in.json'), `${lines.join('\n')}\n`);
  return `CREATE TABLE t (kind INT, person ${PERSON}, attrs MAP<STRING, INT>, raw BYTES)
    WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'in.json')}', 'format' = 'json'${extra})`;
}

async function query(sql: string, setup: string, engine = new Engine()): Promise<Record<string, unknown>[]> {
  await engine.execute(setup);
  return engine.query(sql).toArray();
}

test('JSON ROW/ARRAY/MAP/BYTES columns: field and element access, constructors, CARDINALITY', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-nested-'));
  const rows = await query(
    `SELECT person.id, t.person.name AS name, person.tags[2] AS second, person.tags[3] AS past_end, attrs['y'] AS y,
       attrs['zz'] AS missing, CARDINALITY(person.tags) AS n, CARDINALITY(attrs) AS m, (person).name IS NULL AS unnamed,
       ROW(kind, person.name) AS r, ARRAY[kind, 10] AS a, MAP['k', kind] AS km FROM t`,
    jsonTable(dir),
  );
  assert.deepEqual(rows, [
    { id: 7n, name: 'Ann', second: 'b', past_end: null, y: 2, missing: null, n: 2, m: 2, unnamed: false,
      r: { EXPR$0: 0, EXPR$1: 'Ann' }, a: [0, 10], km: new Map([['k', 0]]) },
    { id: null, name: null, second: null, past_end: null, y: null, missing: null, n: null, m: 0, unnamed: true,
      r: { EXPR$0: 1, EXPR$1: null }, a: [1, 10], km: new Map([['k', 1]]) },
    { id: 8n, name: null, second: 'c', past_end: null, y: null, missing: null, n: 2, m: null, unnamed: true,
      r: { EXPR$0: 0, EXPR$1: null }, a: [0, 10], km: new Map([['k', 0]]) },
  ]);
});

test('nested values as results, as CAST(… AS STRING) text and in DESCRIBE', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-nested-'));
  const engine = new Engine();
  const rows = await query('SELECT person, attrs, raw, CAST(person AS STRING) AS ps, CAST(attrs AS STRING) AS ms, CAST(raw AS STRING) AS bs FROM t', jsonTable(dir), engine);
  assert.deepEqual(rows[0], {
    person: { id: 7n, name: 'Ann', dateTime: '2020-04-15 08:05:00.000', tags: ['a', 'b'] },
    attrs: new Map([['x', 1], ['y', 2]]),
    raw: new Uint8Array([104, 105]),
    ps: '(7, Ann, 2020-04-15 08:05:00.000, [a, b])', ms: '{x=1, y=2}', bs: 'hi',
  });
  assert.deepEqual(rows[2]!.person, { id: 8n, name: null, dateTime: null, tags: [null, 'c'] });
  assert.equal(rows[2]!.ps, '(8, NULL, NULL, [NULL, c])');
  const described = await engine.execute('DESCRIBE t');
  assert.equal(described.kind, 'table');
  const types = described.kind === 'table' ? described.rows.map((r) => r[1]) : [];
  assert.deepEqual(types, ['INT', 'ROW<`id` BIGINT, `name` STRING, `dateTime` TIMESTAMP(3), `tags` ARRAY<STRING>>', 'MAP<STRING, INT>', 'BYTES']);
});

test('nested columns round-trip through a JSON filesystem sink', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-nested-'));
  const engine = new Engine();
  await engine.execute(jsonTable(dir));
  await engine.execute(`CREATE TABLE out (person ${PERSON}, attrs MAP<STRING, INT>, raw BYTES, pair ARRAY<BIGINT>)
    WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'out')}', 'format' = 'json')`);
  const job = await engine.execute('INSERT INTO out SELECT person, attrs, raw, ARRAY[person.id, 1] FROM t');
  assert.equal(job.kind, 'job');
  if (job.kind === 'job') await job.job.done();
  const files = readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.'));
  const written = files.flatMap((f) => readFileSync(join(dir, 'out', f), 'utf8').trim().split('\n'));
  assert.deepEqual(written, [
    '{"person":{"id":7,"name":"Ann","dateTime":"2020-04-15 08:05:00","tags":["a","b"]},"attrs":{"x":1,"y":2},"raw":"aGk=","pair":[7,1]}',
    '{"person":null,"attrs":{},"raw":null,"pair":[null,1]}',
    '{"person":{"id":8,"name":null,"dateTime":null,"tags":[null,"c"]},"attrs":null,"raw":"","pair":[8,1]}',
  ]);
});

for (const backend of ['memory', 'sqlite'] as const) {
  test(`GROUP BY a ROW field, an ARRAY and a MAP key (${backend} state)`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-nested-'));
    const engine = new Engine();
    await engine.execute(`SET 'state.backend' = '${backend}'`);
    if (backend === 'sqlite') await engine.execute(`SET 'state.dir' = '${join(dir, 'state')}'`);
    const lines = [...LINES, LINES[0]!, LINES[2]!];
    const rows = await query('SELECT person.tags AS tags, attrs, COUNT(*) AS c FROM t GROUP BY person.tags, attrs', jsonTable(dir, lines), engine);
    const sorted = rows.map((r) => JSON.stringify({ ...r, attrs: r.attrs instanceof Map ? [...r.attrs] : r.attrs, c: String(r.c) })).sort();
    assert.deepEqual(sorted, [
      '{"tags":["a","b"],"attrs":[["x",1],["y",2]],"c":"2"}',
      '{"tags":[null,"c"],"attrs":null,"c":"2"}',
      '{"tags":null,"attrs":[],"c":"1"}',
    ]);
  });
}

test('comparisons: ROW and ARRAY by value (element types widened), MAP only by equality', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-nested-'));
  const rows = await query(
    `SELECT person.tags = ARRAY['a', 'b'] AS same, ARRAY[1, 2] < ARRAY[1, 3] AS less, ARRAY[1] = ARRAY[CAST(1 AS BIGINT)] AS widened,
       ROW(1, 'a') = ROW(1, 'a') AS rows_equal, attrs = MAP['x', 1, 'y', 2] AS maps_equal, raw = x'6869' AS bytes_equal FROM t WHERE kind = 0`,
    jsonTable(dir),
  );
  assert.deepEqual(rows[0], { same: true, less: true, widened: true, rows_equal: true, maps_equal: true, bytes_equal: true });
  await assert.rejects(query('SELECT attrs < attrs FROM t', jsonTable(dir)), (error: unknown) => {
    assert.ok(error instanceof PlanError);
    assert.match(error.message, /Cannot apply '<' to arguments of type MAP<STRING, INT> and MAP<STRING, INT>/);
    return true;
  });
});

test('errors name the field, the type and the place', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-nested-'));
  const cases: [string, RegExp][] = [
    ['SELECT person.nme FROM t', /^Unknown field 'nme' in ROW<`id` BIGINT, .*> at 1:15 \(did you mean 'name'\?\)$/],
    ['SELECT kind.x FROM t', /^Cannot access field 'x' of a value of type INT: only ROW values have fields at 1:13$/],
    ["SELECT person.tags['a'] FROM t", /^An array index must be an integer, not STRING at 1:20$/],
    ['SELECT attrs[1] FROM t', /^A key of MAP<STRING, INT> must be of type STRING, not INT at 1:14$/],
    ['SELECT kind[1] FROM t', /^Cannot index a value of type INT: only ARRAY and MAP values have elements at 1:8$/],
    ["SELECT ARRAY[1, 'a'] FROM t", /^ARRAY element of type STRING does not match the earlier INT at 1:17$/],
    ['SELECT nobody.x FROM t', /^Unknown table or alias 'nobody' at 1:8$/],
  ];
  for (const [sql, message] of cases) {
    await assert.rejects(query(sql, jsonTable(dir)), (error: unknown) => {
      assert.ok(error instanceof PlanError, `${sql}: ${String(error)}`);
      assert.match(error.message, message, sql);
      return true;
    });
  }
});

test('a malformed nested JSON value names the path inside the column and file:line:column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-nested-'));
  const bad = ['{"kind": 0, "person": {"id": "seven", "tags": []}}'];
  await assert.rejects(query('SELECT * FROM t', jsonTable(dir, bad)), (error: unknown) => {
    assert.match(String((error as Error).message), /Cannot read field 'person' as ROW<.*>: field 'id': "seven" is not an integer/);
    assert.match(String((error as Error).message), /in\.json:1:23/);
    return true;
  });
  const skipped = await query('SELECT kind, person.id FROM t', jsonTable(dir, [...bad, LINES[1]!], ", 'json.ignore-parse-errors' = 'true'"));
  assert.deepEqual(skipped, [{ kind: 1, id: null }]);
  // A query that does not read person.id does not decode it (projection push-down, as Flink): no error, no row lost.
  const unread = await query('SELECT kind FROM t', jsonTable(dir, [...bad, LINES[1]!]));
  assert.deepEqual(unread, [{ kind: 0 }, { kind: 1 }]);
});

test('Arrow batches of nested types round-trip, with NULLs at every level and sliced batches', () => {
  const nested = schema([
    field('r', rowType([{ name: 'a', type: INT }, { name: 'b', type: arrayType(STRING) }, { name: 't', type: timestamp(3) }])),
    field('m', mapType(STRING, arrayType(BIGINT))),
    field('bytes', BYTES),
    field('list', arrayType(rowType([{ name: 'x', type: BIGINT }]))),
  ]);
  const columns: Value[][] = [
    [Object.freeze([1, Object.freeze(['p', null]), 5]), null, Object.freeze([null, null, null]), Object.freeze([4, Object.freeze([]), 0])],
    [new Map([['k', Object.freeze([1n, null])]]), new Map(), null, new Map([['z', null]])],
    [new Uint8Array([1, 2, 3]), null, new Uint8Array(), new Uint8Array([255])],
    [Object.freeze([Object.freeze([1n]), null]), null, Object.freeze([]), Object.freeze([Object.freeze([null])])],
  ];
  const batch = makeBatch(nested, columns);
  assert.deepEqual(readColumns(batch, nested), columns);
  const sliced = batch.slice(1, 3);
  assert.deepEqual(readColumns(sliced, nested), columns.map((c) => c.slice(1, 3)));
});
