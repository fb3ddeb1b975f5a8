/**
 * Uncorrelated scalar subqueries end to end (test/conformance/scalar-subquery* compare with Flink): joined on TRUE
 * with the subquery's single row, NULL while it has none, retracted and re-emitted when its value changes; a
 * subquery that may give several rows (SINGLE_VALUE) fails the job on a second one; HAVING and a GROUP BY's SELECT
 * list; EXPLAIN; what is refused. Correlated ones are in correlated-scalar-subquery.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, SluiceError, type Change, type EngineOptions } from '../../src/index.js';
import { ExecutionError, NotImplementedError } from '../../src/common/errors.js';
import { changeText, materialise } from './changelog.js';

function engine(options: EngineOptions = {}): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('t', { columns: [{ name: 'k', type: 'STRING' }, { name: 'v', type: 'INT' }], rows: [{ k: 'a', v: 1 }, { k: 'b', v: 4 }, { k: 'c', v: 6 }] });
  e.registerTable('empty', { columns: [{ name: 'v', type: 'INT' }], rows: [] });
  return e;
}

async function changes(e: Engine, sql: string): Promise<Change[]> {
  const all: Change[] = [];
  for await (const change of e.query(sql)) all.push(change);
  return all;
}

for (const batchSize of ['1', '4096']) {
  test(`a scalar subquery in WHERE and in SELECT stands for its value, batch size ${batchSize}`, async () => {
    const e = engine({ config: { 'sluice.batch-size': batchSize } });
    const result = await changes(e, 'SELECT k, v - (SELECT MIN(v) FROM t) AS d, (SELECT COUNT(*) FROM t) AS n FROM t WHERE v >= (SELECT AVG(v) FROM t)');
    assert.deepEqual(materialise(result), ['b 3 3', 'c 5 3']);
  });
}

test('a subquery without rows is NULL (the input is LEFT JOINed with it)', async () => {
  assert.deepEqual(materialise(await changes(engine(), 'SELECT k, (SELECT MAX(v) FROM empty) AS m FROM t')), ['a -', 'b -', 'c -']);
});

test('a new value of the subquery retracts the joined rows and emits them again', async () => {
  // The subquery's rows arrive one at a time, each once the result has shown the previous value.
  const gates = [gate(), gate()];
  async function* prices(): AsyncGenerator<object> {
    await gates[0]!.promise;
    yield { p: 10 };
    await gates[1]!.promise;
    yield { p: 5 };
    yield { p: 20 };
  }
  const e = new Engine({ printLine: () => {}, config: { 'sluice.batch-size': '1' } });
  e.registerTable('items', { columns: [{ name: 'k', type: 'STRING' }], rows: [{ k: 'a' }, { k: 'b' }] });
  e.registerTable('prices', { columns: [{ name: 'p', type: 'INT' }], rows: prices() });
  const seen: string[] = [];
  for await (const change of e.query('SELECT k, (SELECT MAX(p) FROM prices) AS top FROM items')) {
    seen.push(changeText(change));
    if (seen.length === 2) gates[0]!.resolve();
    if (seen.length === 6) gates[1]!.resolve();
  }
  assert.deepEqual(seen, [
    '+I a -', '+I b -',
    '-D a -', '-D b -', '+I a 10', '+I b 10',
    // 5 leaves MAX at 10 (no change); 20 updates it: -U 10 empties the join (NULL rows), +U 20 fills it again.
    '-D a 10', '-D b 10', '+I a -', '+I b -',
    '-D a -', '-D b -', '+I a 20', '+I b 20',
  ]);
});

test('a subquery that is not an aggregate takes its one row (SINGLE_VALUE), NULL for none', async () => {
  const e = engine();
  assert.deepEqual(materialise(await changes(e, "SELECT k, (SELECT v FROM t WHERE k = 'b') AS b FROM t")), ['a 4', 'b 4', 'c 4']);
  assert.deepEqual(materialise(await changes(e, "SELECT k FROM t WHERE v < (SELECT v FROM t WHERE k = 'x')")), []);
  assert.match(e.explain("SELECT k, (SELECT v FROM t WHERE k = 'b') AS b FROM t"), /GroupAggregate\(groupBy=\[\], select=\[SINGLE_VALUE\(v\) AS v\]/);
});

test('a second row of the subquery fails the job, naming the subquery', async () => {
  await assert.rejects(changes(engine(), 'SELECT k,\n  (SELECT v FROM t WHERE v > 2) AS big FROM t'), (error: unknown) => {
    assert.ok(error instanceof ExecutionError, String(error));
    assert.match(error.message, /^A scalar subquery returned more than one row at 2:3/);
    return true;
  });
});

test('HAVING and the SELECT list of a GROUP BY query: joined with the aggregate output', async () => {
  const e = engine();
  const sql = 'SELECT k, SUM(v) AS s, SUM(v) * 100 / (SELECT SUM(v) FROM t) AS pct FROM t GROUP BY k HAVING SUM(v) > (SELECT MIN(v) FROM t)';
  assert.deepEqual(materialise(await changes(e, sql)), ['b 4 36', 'c 6 54']);
  assert.match(e.explain(sql), /Join\(joinType=\[LeftOuterJoin\], where=\[true\]/);
});

test('in the SELECT list over a Top-N', async () => {
  const sql = 'SELECT k, v, (SELECT COUNT(*) FROM t) AS n FROM (SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) WHERE rn = 1';
  assert.deepEqual(materialise(await changes(engine(), sql)), ['a 1 3', 'b 4 3', 'c 6 3']);
});

test('EXPLAIN: a LEFT join on TRUE with the aggregate of one row, the result updating', () => {
  const plan = engine().explain('SELECT k FROM t WHERE v > (SELECT AVG(v) FROM t)');
  assert.match(plan, /Calc\(select=\[k\], where=\[\(v > `EXPR\$0`\)\]\)\n\s+\+- Join\(joinType=\[LeftOuterJoin\], where=\[true\], select=\[k, v, EXPR\$0\], changelog=\[\+I, -D\]\)/);
  assert.match(plan, /GroupAggregate\(groupBy=\[\], select=\[AVG\(v\) AS EXPR\$0\]/);
  assert.match(plan, /changelog \(\+I, -U, \+U, -D\)/);
});

/** A promise and the function that resolves it. */
function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function refused(sql: string): SluiceError {
  try {
    engine().explain(sql);
  } catch (error) {
    assert.ok(error instanceof SluiceError, String(error));
    return error;
  }
  assert.fail(`no error for ${sql}`);
}

test('refused at the subquery: several columns, other places (GROUP BY, aggregate arguments; ON: join-subqueries.test.ts)', () => {
  assert.match(refused('SELECT k FROM t WHERE v > (SELECT MIN(v), MAX(v) FROM t)').message, /must return exactly one column, but this one returns 2 at 1:27/);
  for (const [sql, where] of [
    ['SELECT COUNT(*) FROM t GROUP BY (SELECT MAX(v) FROM t)', 'GROUP BY'],
    ['SELECT SUM((SELECT MAX(v) FROM t)) FROM t', 'the argument of SUM'],
  ] as const) {
    const error = refused(sql);
    assert.ok(error instanceof NotImplementedError, `${sql}: ${error.message}`);
    assert.match(error.message, new RegExp(`A scalar subquery is not supported yet in ${where.replace(/[()]/g, '\\$&')}, only in WHERE, HAVING and the SELECT list at 1:\\d+$`));
  }
});
