/**
 * INTERSECT ALL and EXCEPT ALL: multiset intersection and difference (min(m, n) and max(m − n, 0) copies of each
 * row), NULL matching NULL, as updating results (their changelogs are checked against Flink in
 * test/conformance/intersect-all and except-all).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, type Row } from '../../src/index.js';

function engine(): Engine {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('L', { columns: [{ name: 'k', type: 'STRING' }, { name: 'n', type: 'INT' }], rows: [
    { k: 'a', n: 1 }, { k: 'a', n: 1 }, { k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: null, n: 3 }, { k: null, n: 3 }, { k: 'c', n: null },
  ] });
  e.registerTable('R', { columns: [{ name: 'k', type: 'STRING' }, { name: 'n', type: 'BIGINT' }], rows: [
    { k: 'a', n: '1' }, { k: null, n: '3' }, { k: null, n: '3' }, { k: null, n: '3' }, { k: 'c', n: null }, { k: 'x', n: '9' },
  ] });
  return e;
}

const text = (r: Row): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));

async function rows(e: Engine, sql: string): Promise<string[]> {
  return (await e.query(sql).toArray()).map(text).sort();
}

test('INTERSECT ALL keeps each row as often as the side with fewer copies has it', async () => {
  const e = engine();
  assert.deepEqual(await rows(e, 'SELECT k, n FROM L INTERSECT ALL SELECT k, n FROM R'), [
    '{"k":"a","n":1}', '{"k":"c","n":null}', '{"k":null,"n":3}', '{"k":null,"n":3}',
  ]);
  assert.deepEqual(await rows(e, 'SELECT k FROM L INTERSECT ALL SELECT k FROM L'), await rows(e, 'SELECT k FROM L'));
});

test('EXCEPT ALL keeps each row as often as the left side has it more than the right', async () => {
  const e = engine();
  assert.deepEqual(await rows(e, 'SELECT k, n FROM L EXCEPT ALL SELECT k, n FROM R'), ['{"k":"a","n":1}', '{"k":"a","n":1}', '{"k":"b","n":2}']);
  assert.deepEqual(await rows(e, 'SELECT k, n FROM R EXCEPT ALL SELECT k, n FROM L'), ['{"k":"x","n":9}', '{"k":null,"n":3}']);
  assert.deepEqual(await rows(e, 'SELECT k FROM L EXCEPT ALL SELECT k FROM L'), []);
});

test('a row count that changes retracts the old copies and emits the new ones, as Flink', async () => {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('T', { columns: [{ name: 'side', type: 'STRING' }, { name: 'k', type: 'STRING' }], rows: [
    { side: 'L', k: 'a' }, { side: 'L', k: 'a' }, { side: 'R', k: 'a' }, { side: 'R', k: 'a' },
  ] });
  const sql = "SELECT k FROM T WHERE side = 'L' EXCEPT ALL SELECT k FROM T WHERE side = 'R'";
  const changes: string[] = [];
  for await (const change of e.query(sql)) changes.push(`${change.op}${String(change.row['k'])}`);
  // a once (+I), then twice (its one copy retracted, two emitted), then once, then not at all (-U without +U, as
  // Flink: the group's sum drops to 0 and the filter above the GROUP BY drops its +U)
  assert.deepEqual(changes, ['+Ia', '-Ua', '+Ua', '+Ua', '-Ua', '-Ua', '+Ua', '-Ua']);
  assert.match(e.explain(sql), /changelog \(\+I, -U, \+U, -D\): k STRING/);
});

test('EXPLAIN shows Flink\'s plan: a GROUP BY of markers, then copies of each row', () => {
  const e = engine();
  const plan = e.explain('SELECT k, n FROM L INTERSECT ALL SELECT k, n FROM R');
  assert.match(plan, /GroupAggregate\(groupBy=\[k, n\], select=\[k, n, COUNT\(vcol_left_marker\) AS vcol_left_marker_agg, COUNT\(vcol_right_marker\) AS vcol_right_marker_agg\]/);
  assert.match(plan, /Correlate\(invocation=\[\$REPLICATE_ROWS\$\(copies\)\]/);
  assert.match(e.explain('SELECT k FROM L EXCEPT ALL SELECT k FROM R'), /SUM\(vcol\)/);
});
