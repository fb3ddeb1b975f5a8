/**
 * EXPLAIN golden files: each `explain/<case>.sql` (run after `explain/_tables.sql`) has its plan in
 * `explain/<case>.plan`. Regenerate with `UPDATE_GOLDEN=1 npm test` and review the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../src/index.js';

const DIR = join(import.meta.dirname, 'explain');
const TABLES = readFileSync(join(DIR, '_tables.sql'), 'utf8');

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.sql') && !f.startsWith('_')).sort()) {
  test(`EXPLAIN ${file}`, async () => {
    const engine = new Engine({ baseDirectory: '/data' });
    await engine.execute(TABLES);
    const plan = engine.explain(readFileSync(join(DIR, file), 'utf8'));
    const golden = join(DIR, file.replace(/\.sql$/, '.plan'));
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(golden)) writeFileSync(golden, plan + '\n');
    assert.equal(plan + '\n', readFileSync(golden, 'utf8'));
  });
}

test('EXPLAIN as a statement returns the plan as a one-column table', async () => {
  const engine = new Engine();
  await engine.execute(TABLES);
  const result = await engine.execute(`EXPLAIN ${readFileSync(join(DIR, 'tumble-sum-insert.sql'), 'utf8')}`);
  assert.equal(result.kind, 'table');
  if (result.kind !== 'table') return;
  assert.deepEqual(result.columns, ['plan']);
  assert.match(String(result.rows[0]![0]), /WindowAggregate\(groupBy=\[\], window=\[TUMBLE\(time_col=\[bidtime\], size=\[10 min\]\)\]/);
});

test("EXPLAIN's Flink details: CHANGELOG_MODE is the default plan; ESTIMATED_COST and PLAN_ADVICE are not supported yet, at the word", async () => {
  const engine = new Engine();
  await engine.execute(TABLES);
  assert.equal(engine.explain('EXPLAIN CHANGELOG_MODE SELECT item FROM Bid'), engine.explain('SELECT item FROM Bid'));
  assert.throws(() => engine.explain('EXPLAIN CHANGELOG_MODE, ESTIMATED_COST SELECT item FROM Bid'),
    /^NotImplementedError: EXPLAIN ESTIMATED_COST is not supported yet: Sluice's planner has no cost model at 1:25$/);
  const set = engine.explain("EXPLAIN JSON_EXECUTION_PLAN STATEMENT SET BEGIN INSERT INTO window_sink SELECT window_start, window_end, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end; END");
  const json = JSON.parse(set.slice(set.indexOf('== Physical Execution Plan ==') + 30)) as { nodes: { pact: string }[] };
  assert.deepEqual([json.nodes[0]!.pact, json.nodes.at(-1)!.pact], ['Data Source', 'Data Sink']);
});
