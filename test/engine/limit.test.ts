/**
 * LIMIT and ORDER BY … LIMIT over an unbounded input (Flink's Limit and SortLimit, both ranks without partition
 * keys): the first n rows in arrival order (append-only), OFFSET, the top n by sort keys as a changelog, batch-size
 * independence, EXPLAIN, an append-only sink taking a LIMIT, and the errors. (Flink's answers:
 * test/conformance/limit-first-rows, order-by-limit, limit-offset.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../src/common/errors.js';
import { Engine, type EngineOptions } from '../../src/index.js';

const PRICES = [10, 30, 20, 30, 5, 40];

function engine(options: EngineOptions = {}): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('t', {
    columns: [{ name: 'id', type: 'INT' }, { name: 'price', type: 'INT' }],
    rows: PRICES.map((price, i) => ({ id: i + 1, price })),
  });
  return e;
}

async function changes(sql: string, options: EngineOptions = {}): Promise<{ lines: string[]; updating: boolean }> {
  const result = engine(options).query(sql);
  const lines: string[] = [];
  for await (const change of result) lines.push(`${change.op} ${Object.values(change.row).map(String).join(',')}`);
  return { lines, updating: result.updating };
}

for (const batchSize of ['1', '4096']) {
  test(`LIMIT n keeps the first n rows in arrival order, append-only; OFFSET skips rows first (batch size ${batchSize})`, async () => {
    const options = { config: { 'sluice.batch-size': batchSize } };
    assert.deepEqual(await changes('SELECT id FROM t WHERE price > 5 LIMIT 3', options), { lines: ['+I 1', '+I 2', '+I 3'], updating: false });
    assert.deepEqual(await changes('SELECT id FROM t LIMIT 2 OFFSET 3', options), { lines: ['+I 4', '+I 5'], updating: false });
    assert.deepEqual(await changes('SELECT id FROM t LIMIT 0', options), { lines: [], updating: false });
  });

  test(`ORDER BY … LIMIT: the top n as a changelog, ties in arrival order (batch size ${batchSize})`, async () => {
    const options = { config: { 'sluice.batch-size': batchSize } };
    const top = await changes('SELECT id, price FROM t ORDER BY price DESC LIMIT 2', options);
    assert.equal(top.updating, true);
    assert.deepEqual(top.lines, ['+I 1,10', '+I 2,30', '-D 1,10', '+I 3,20', '-D 3,20', '+I 4,30', '-D 4,30', '+I 6,40']);
    const skipped = await changes('SELECT id, price * 2 AS p FROM t ORDER BY p LIMIT 2 OFFSET 1', options);
    // ranks 2 and 3 by p = 20, 60, 40, 60, 10, 80: id 2, then ids 3 and 2, then (10 arrives) ids 1 and 3
    assert.deepEqual(skipped.lines, ['+I 2,60', '+I 3,40', '-D 2,60', '+I 1,20']);
  });
}

test('FETCH FIRST n ROWS ONLY and OFFSET m ROWS mean LIMIT n OFFSET m; a top 1 replaces its row with -U/+U', async () => {
  assert.deepEqual(await changes('SELECT id FROM t OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY'), { lines: ['+I 2', '+I 3'], updating: false });
  // Flink's FastTop1Function: the one row of the result is updated in place.
  assert.deepEqual((await changes('SELECT id, price FROM t ORDER BY price DESC FETCH FIRST 1 ROW ONLY')).lines, ['+I 1,10', '-U 1,10', '+U 2,30', '-U 2,30', '+U 6,40']);
  assert.match(engine().explain('SELECT id FROM t ORDER BY price LIMIT 1'), /rankEnd=1\], partitionBy=\[\], orderBy=\[price ASC\], select=\[id, price\], changelog=\[\+I, -U, \+U\]\)/);
});

test('NULLS FIRST / NULLS LAST place NULL sort keys', async () => {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('n', { columns: [{ name: 'id', type: 'INT' }, { name: 'price', type: 'INT' }], rows: [{ id: 1, price: 3 }, { id: 2, price: null }, { id: 3, price: 7 }] });
  const top = async (order: string): Promise<unknown[]> => {
    const rows = new Map<number, unknown>();
    for await (const change of e.query(`SELECT id FROM n ORDER BY ${order} LIMIT 2`)) {
      if (change.op === '+I' || change.op === '+U') rows.set(Number(change.row['id']), change.row['id']);
      else rows.delete(Number(change.row['id']));
    }
    return [...rows.keys()].sort();
  };
  assert.deepEqual(await top('price DESC'), [1, 3]);
  assert.deepEqual(await top('price DESC NULLS FIRST'), [2, 3]);
  assert.deepEqual(await top('price'), [1, 2]);
  assert.deepEqual(await top('price ASC NULLS LAST'), [1, 3]);
});

test('EXPLAIN: LIMIT is a Limit (append-only), ORDER BY … LIMIT a Rank without partition keys', () => {
  const e = engine();
  assert.match(e.explain('SELECT id FROM t LIMIT 2 OFFSET 1'), /Limit\(offset=\[1\], fetch=\[2\], strategy=\[AppendFastStrategy\], select=\[id\], changelog=\[\+I\]\)\n\s+\+- Exchange\(distribution=\[single\]\)/);
  assert.match(e.explain('SELECT id, price FROM t ORDER BY price DESC LIMIT 2'), /Rank\(.*rankRange=\[rankStart=1, rankEnd=2\], partitionBy=\[\], orderBy=\[price DESC\]/);
});

test('ORDER BY … LIMIT reads columns the query does not select; not with SELECT DISTINCT', async () => {
  assert.deepEqual((await changes('SELECT id FROM t ORDER BY price DESC, t.id LIMIT 2')).lines, ['+I 1', '+I 2', '-D 1', '+I 3', '-D 3', '+I 4', '-D 4', '+I 6']);
  assert.throws(() => engine().explain('SELECT DISTINCT id FROM t ORDER BY price LIMIT 1'), (error: unknown) =>
    error instanceof PlanError && /^Unknown column 'price': with SELECT DISTINCT, ORDER BY reads the selected columns only at 1:36 /.test(error.message));
});

test('toArray() of ORDER BY … LIMIT returns the final rows in the query order (DECIMAL by value, NULLS as written)', async () => {
  const e = new Engine({ printLine: () => {} });
  e.registerTable('d', {
    columns: [{ name: 'id', type: 'INT' }, { name: 'p', type: 'DECIMAL(10, 2)' }],
    rows: [{ id: 1, p: '9.75' }, { id: 2, p: '10.50' }, { id: 3, p: null }, { id: 4, p: '-2.00' }, { id: 5, p: '100.00' }],
  });
  const ids = async (sql: string): Promise<unknown[]> => (await e.query(sql).toArray()).map((r) => r['id']);
  assert.deepEqual(await ids('SELECT id, p FROM d ORDER BY p DESC LIMIT 3'), [5, 2, 1]);
  assert.deepEqual(await ids('SELECT id, p FROM d ORDER BY p ASC NULLS LAST LIMIT 4'), [4, 1, 2, 5]);
  assert.deepEqual(await ids('SELECT id, p FROM d ORDER BY p NULLS FIRST FETCH FIRST 2 ROWS ONLY'), [3, 4]);
});
