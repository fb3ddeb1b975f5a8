/**
 * WITH (common table expressions) as inline views, with Calcite's scope rules: later CTEs and the body see earlier
 * ones, a CTE shadows a table, is not recursive, subqueries see enclosing CTEs, views never do; in SELECT, INSERT,
 * CREATE VIEW and with UNION ALL and joins; errors with positions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanError } from '../../src/common/errors.js';
import type { Row } from '../../src/index.js';
import { DOCUMENTED_BIDS, engineWithBids } from './helpers.js';

function strings(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'null' : String(v))).join(' ')).sort();
}

function planError(message: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof PlanError, `expected PlanError, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  };
}

for (const batchSize of ['1', '4096']) {
  test(`a CTE reads an earlier one; column names from name (a, b) (batch size ${batchSize})`, async () => {
    const engine = engineWithBids(DOCUMENTED_BIDS, { config: { 'sluice.batch-size': batchSize } });
    const result = engine.query(`WITH cheap AS (SELECT item, price FROM Bid WHERE price < 4),
        labelled (name, cost) AS (SELECT item, price FROM cheap)
      SELECT name, cost FROM labelled WHERE cost > 1`);
    assert.deepEqual(result.columns.map((c) => c.name), ['name', 'cost']);
    assert.deepEqual(strings(await result.toArray()), ['A 2.00', 'B 3.00']);
  });
}

test('a window aggregation over a CTE keeps the time attribute', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const rows = await engine.query(`WITH b AS (SELECT bidtime, price FROM Bid WHERE item <> 'F')
    SELECT window_start, SUM(price) AS total FROM TABLE(TUMBLE(TABLE b, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
    GROUP BY window_start, window_end`).toArray();
  assert.deepEqual(strings(rows), ['2020-04-15 08:00:00.000 11.00', '2020-04-15 08:10:00.000 4.00']);
});

test('a CTE shadows a table of the same name; inside its own definition the name is the table (not recursive)', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const rows = await engine.query('WITH Bid AS (SELECT item FROM Bid WHERE price > 4) SELECT * FROM Bid').toArray();
  assert.deepEqual(strings(rows), ['D', 'F']);
});

test('a CTE does not see the ones after it, at the reference', () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  assert.throws(
    () => engine.explain('WITH a AS (SELECT item FROM b), b AS (SELECT item FROM Bid) SELECT * FROM a'),
    planError(/^Unknown table 'b' at 1:29/),
  );
});

test('subqueries see the enclosing CTEs; a nested WITH adds its own', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const rows = await engine.query(`WITH a AS (SELECT item, price FROM Bid)
    SELECT * FROM (WITH b AS (SELECT item FROM a WHERE price >= 5) SELECT item FROM b) t`).toArray();
  assert.deepEqual(strings(rows), ['D', 'F']);
});

test('views never see the CTEs of the query that uses them', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  await engine.execute('CREATE VIEW all_items AS SELECT item FROM Bid');
  const rows = await engine.query("WITH Bid AS (SELECT item FROM Bid WHERE item = 'A') SELECT * FROM all_items").toArray();
  assert.equal(rows.length, 6);
});

test('a CTE referenced twice (a self-join) and in both sides of UNION ALL', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const joined = await engine.query(`WITH p AS (SELECT item, price FROM Bid)
    SELECT x.item, y.item AS other FROM p x JOIN p y ON x.price = y.price * 2`).toArray();
  assert.deepEqual(strings(joined), ['A E', 'C A', 'F B']);
  const unioned = await engine.query(`WITH p AS (SELECT item FROM Bid WHERE price < 2)
    SELECT item FROM p UNION ALL SELECT item FROM p`).toArray();
  assert.deepEqual(strings(unioned), ['E', 'E']);
});

test('WITH in INSERT and in CREATE VIEW', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  await engine.execute("CREATE TABLE out_t (item STRING) WITH ('connector' = 'blackhole')");
  assert.match(engine.explain('INSERT INTO out_t WITH b AS (SELECT item FROM Bid) SELECT item FROM b'), /Sink\(table=\[out_t\]/);
  await engine.execute("CREATE VIEW expensive AS WITH b AS (SELECT item, price FROM Bid) SELECT item FROM b WHERE price > 4");
  assert.deepEqual(strings(await engine.query('SELECT * FROM expensive').toArray()), ['D', 'F']);
});

test('errors: a name defined twice, a column list of the wrong length', () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  assert.throws(
    () => engine.explain('WITH a AS (SELECT item FROM Bid), a AS (SELECT item FROM Bid) SELECT * FROM a'),
    planError(/^WITH defines 'a' twice at 1:35$/),
  );
  assert.throws(
    () => engine.explain('WITH a (x, y) AS (SELECT item FROM Bid) SELECT * FROM a'),
    planError(/^WITH 'a' names 2 columns, but its query produces 1 at 1:6$/),
  );
});

test('sqlite state backend: a CTE joined with itself and aggregated', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-cte-'));
  try {
    const engine = engineWithBids(DOCUMENTED_BIDS, { baseDirectory: directory, config: { 'state.backend': 'sqlite' } });
    const rows = await engine.query(`WITH p AS (SELECT item, price FROM Bid), doubled AS (SELECT x.item FROM p x JOIN p y ON x.price = y.price * 2)
      SELECT COUNT(*) AS n FROM doubled`).toArray();
    assert.deepEqual(rows.at(-1), { n: 3n });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
