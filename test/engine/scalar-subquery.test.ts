/**
 * Uncorrelated scalar subqueries in WHERE and SELECT (test/conformance/scalar-subquery compares with Flink): joined
 * on TRUE with the subquery's single row, NULL while it has none; the errors for what is not taken.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, SluiceError } from '../../src/index.js';

function engine(): Engine {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('t', { columns: [{ name: 'k', type: 'STRING' }, { name: 'v', type: 'INT' }], rows: [{ k: 'a', v: 1 }, { k: 'b', v: 4 }, { k: 'c', v: 6 }] });
  e.registerTable('empty', { columns: [{ name: 'v', type: 'INT' }], rows: [] });
  return e;
}

const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))).sort();

test('a scalar subquery in WHERE and in SELECT stands for its value', async () => {
  const rows = await engine().query('SELECT k, v - (SELECT MIN(v) FROM t) AS d, (SELECT COUNT(*) FROM t) AS n FROM t WHERE v >= (SELECT AVG(v) FROM t)').toArray();
  assert.deepEqual(sorted(rows), ['{"k":"b","d":3,"n":3}', '{"k":"c","d":5,"n":3}']);
});

test('a subquery without rows is NULL (the input is LEFT JOINed with it)', async () => {
  const rows = await engine().query('SELECT k, (SELECT MAX(v) FROM empty) AS m FROM t').toArray();
  assert.deepEqual(sorted(rows), ['{"k":"a","m":null}', '{"k":"b","m":null}', '{"k":"c","m":null}']);
});

function refused(sql: string): string {
  try {
    engine().query(sql);
  } catch (error) {
    assert.ok(error instanceof SluiceError, String(error));
    return error.message;
  }
  assert.fail(`no error for ${sql}`);
}

test('what is refused: several columns, rows that are not one, GROUP BY queries, correlation', () => {
  assert.match(refused('SELECT k FROM t WHERE v > (SELECT MIN(v), MAX(v) FROM t)'), /must return exactly one column, but this one returns 2 at 1:27/);
  assert.match(refused('SELECT k FROM t WHERE v > (SELECT v FROM t)'), /must return one row: Sluice takes a SELECT of aggregates without GROUP BY.* at 1:27/);
  assert.match(refused('SELECT k FROM t WHERE v > (SELECT MAX(v) FROM t GROUP BY k)'), /must return one row/);
  assert.match(refused('SELECT k, COUNT(*) FROM t GROUP BY k HAVING COUNT(*) > (SELECT COUNT(*) FROM t)'), /A scalar subquery is not supported yet in HAVING/);
  assert.match(refused('SELECT k FROM t AS o WHERE v > (SELECT MAX(v) FROM t WHERE t.k = o.k)'), /Unknown table or alias 'o'/);
});
