/**
 * `'sluice.batch-size' = 'auto'` (the default): 4096 rows per source batch for stateless jobs, 1024 where results
 * wait on windows or state (a window fires only after the batch carrying its watermark has passed the operators
 * before it). An explicit size wins; results never depend on it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatements } from '../../src/parser/index.js';
import type { CreateTable, Query } from '../../src/parser/ast.js';
import { Catalog, createTable, planSelect } from '../../src/planner/index.js';
import { autoBatchSize } from '../../src/session/batch-size.js';
import { CAPABILITIES } from '../../src/session/planning.js';
import { Engine } from '../../src/index.js';

const catalog = new Catalog();
createTable(parseStatements(`CREATE TABLE bids (item STRING, price INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'datagen', 'number-of-rows' = '10')`)[0] as CreateTable, catalog);

const batchSizeOf = (sql: string): number => autoBatchSize(planSelect((parseStatements(sql)[0] as { kind: 'query'; query: Query }).query, catalog, CAPABILITIES).graph);

test('stateless jobs read 4096-row batches; jobs with windows, aggregates or joins 1024', () => {
  assert.equal(batchSizeOf('SELECT item, price * 2 FROM bids WHERE price > 3'), 4096);
  assert.equal(batchSizeOf('SELECT item FROM bids UNION ALL SELECT item FROM bids'), 4096);
  assert.equal(batchSizeOf(`SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end`), 1024);
  assert.equal(batchSizeOf('SELECT item, COUNT(*) FROM bids GROUP BY item'), 1024);
  assert.equal(batchSizeOf('SELECT a.item FROM bids a JOIN bids b ON a.item = b.item'), 1024);
});

test("the setting defaults to 'auto', takes a positive integer and refuses anything else", async () => {
  const engine = new Engine();
  const shown = await engine.execute('SET');
  assert.ok(shown.kind === 'table' && shown.rows.some((row) => row[0] === 'sluice.batch-size' && row[1] === 'auto'));
  await engine.execute("SET 'sluice.batch-size' = '16'");
  await engine.execute("SET 'sluice.batch-size' = 'AUTO'");
  await assert.rejects(engine.execute("SET 'sluice.batch-size' = 'big'"), /sluice\.batch-size/);
});
