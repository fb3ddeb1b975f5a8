/**
 * Idle inputs: a window join of a table that goes silent (an async feed that yields two rows, then nothing) with a
 * bounded table. Without an idle timeout the silent side holds the join's watermark back and its window never
 * fires; with `'table.exec.source.idle-timeout'` or the table's `'scan.watermark.idle-timeout'` the silent side is
 * left out of the minimum after the timeout and the window fires. The source keeps being read: its next row makes
 * it active again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine, type Change, type QueryResult } from '../../src/index.js';
import { parseStatements } from '../../src/parser/index.js';
import type { CreateTable, Query } from '../../src/parser/ast.js';
import { Catalog, createTable, planSelect } from '../../src/planner/index.js';
import { createConnectorRegistry, validateConnectorOptions } from '../../src/connectors/index.js';
import { sourceIdleTimeout } from '../../src/connectors/options.js';
import { Job } from '../../src/runtime/job.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import type { CollectedChange } from '../../src/runtime/operators/collect.js';
import { SETTINGS } from '../../src/session/settings.js';

const COLUMNS = [{ name: 'row_time', type: 'TIMESTAMP(3)' }, { name: 'num', type: 'INT' }, { name: 'id', type: 'STRING' }];
const WATERMARK = { column: 'row_time', expression: "row_time - INTERVAL '1' SECOND" };
const row = (second: number, num: number, id: string) => ({ row_time: `2020-04-15 12:00:0${second}`, num, id });

/** Rows of the silent side: two rows, then nothing until `release()` (when it yields one more row, at 12:00:08). */
function silentFeed(): { rows: AsyncIterable<object>; release: () => void } {
  let release = (): void => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  async function* rows(): AsyncGenerator<object> {
    yield row(1, 1, 'L1');
    yield row(2, 2, 'L2');
    await released;
    yield row(8, 3, 'L3');
  }
  return { rows: rows(), release };
}

const BOUNDED = [row(1, 1, 'R1'), row(3, 2, 'R2'), row(7, 3, 'R3')];

const JOIN = `SELECT L.id AS l_id, R.id AS r_id
  FROM (SELECT * FROM TABLE(TUMBLE(TABLE Silent, DESCRIPTOR(row_time), INTERVAL '5' SECONDS))) L
  JOIN (SELECT * FROM TABLE(TUMBLE(TABLE Bounded, DESCRIPTOR(row_time), INTERVAL '5' SECONDS))) R
  ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end`;

function engineWithTables(config: Record<string, string> = {}): { engine: Engine; release: () => void } {
  const engine = new Engine({ printLine: () => {}, config });
  const feed = silentFeed();
  engine.registerTable('Silent', { columns: COLUMNS, rows: feed.rows, watermark: WATERMARK });
  engine.registerTable('Bounded', { columns: COLUMNS, rows: BOUNDED, watermark: WATERMARK });
  return { engine, release: feed.release };
}

/** Polls `condition` every 10 ms until it holds or `millis` pass (robust on a loaded machine). */
async function waitFor(condition: () => boolean, millis = 2500): Promise<void> {
  const deadline = Date.now() + millis;
  while (!condition() && Date.now() < deadline) await sleep(10);
}

const sourceOf = (engine: Engine, table: string) => engine.watermarks()[0]?.sources.find((s) => s.table === table);

/** Collects the changes of a running query in the background. */
function collect(result: QueryResult): Change[] {
  const changes: Change[] = [];
  void (async () => {
    for await (const change of result) changes.push(change);
  })();
  return changes;
}

test('without an idle timeout a silent input stalls the window join', async () => {
  const { engine, release } = engineWithTables();
  const result = engine.query(JOIN);
  const changes = collect(result);
  await waitFor(() => sourceOf(engine, 'Silent')?.records === 2 && sourceOf(engine, 'Bounded')?.records === 3);
  await sleep(400);
  assert.deepEqual(changes, [], 'the silent side holds the watermark at 12:00:01, so window [12:00:00, 12:00:05) stays open');
  const silent = sourceOf(engine, 'Silent');
  assert.equal(silent?.idle, false);
  assert.equal(silent?.watermark, '2020-04-15 12:00:01.000');
  await result.cancel();
  release();
});

test("with SET 'table.exec.source.idle-timeout' the silent input goes idle and the window fires; its next row makes it active", async () => {
  const { engine, release } = engineWithTables();
  await engine.execute("SET 'table.exec.source.idle-timeout' = '200 ms'");
  const result = engine.query(JOIN);
  const changes = collect(result);
  await waitFor(() => changes.length >= 2);
  assert.deepEqual(changes.map((c) => `${c.op} ${String(c.row.l_id)} ${String(c.row.r_id)}`), ['+I L1 R1', '+I L2 R2']);
  const idleSource = sourceOf(engine, 'Silent');
  assert.equal(idleSource?.idle, true, 'SHOW WATERMARKS reports the split as idle');
  const shown = await engine.execute('SHOW WATERMARKS');
  assert.ok(shown.kind === 'table' && shown.rows.some((r) => r[2] === 'source Silent' && r[6] === true));
  release();
  await waitFor(() => sourceOf(engine, 'Silent')?.records === 3);
  const active = sourceOf(engine, 'Silent');
  assert.equal(active?.idle, false, 'the row after the silence made the source active again');
  assert.equal(active?.records, 3);
  const summary = await result.done();
  assert.equal(summary.status, 'finished', 'both sides ended');
  assert.equal(changes.length, 2, 'L3 came after the watermark passed its window (the price of idleness): late, dropped');
});

test("the table option 'scan.watermark.idle-timeout' makes its source idle", async () => {
  const catalog = new Catalog();
  const ddl = (name: string, options: string) => parseStatements(`CREATE TABLE ${name} (row_time TIMESTAMP(3), num INT, id STRING,
    WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND) WITH ('connector' = 'in-process'${options})`)[0] as CreateTable;
  createTable(ddl('Silent', ", 'scan.watermark.idle-timeout' = '200 ms'"), catalog);
  createTable(ddl('Bounded', ''), catalog);
  const query = (parseStatements(JOIN)[0] as { kind: 'query'; query: Query }).query;
  const planned = planSelect(query, catalog, { validate: () => undefined, acceptsUpdates: () => false });
  const feed = silentFeed();
  const inProcessTables = new Map([['Silent', { rows: feed.rows }], ['Bounded', { rows: BOUNDED }]]);
  const collected: CollectedChange[] = [];
  const collectId = planned.graph.nodes[planned.graph.nodes.length - 1]!.id;
  const job = new Job({
    name: 'idle-option',
    graph: planned.graph,
    connectors: createConnectorRegistry({ baseDirectory: '.', printLine: () => {}, inProcessTables }),
    state: createStateBackend({ kind: 'memory' }),
    batchSize: 100,
    collectTargets: new Map([[collectId, { onChanges: (changes) => void collected.push(...changes), onEnd: () => {} }]]),
    sourceIdleTimeoutMs: (connector) => sourceIdleTimeout(connector) ?? 0,
  });
  const outcome = job.run();
  await waitFor(() => collected.length >= 2);
  assert.deepEqual(collected.map((c) => c.values.join(' ')), ['L1 R1', 'L2 R2']);
  job.cancel();
  assert.equal((await outcome).status, 'cancelled');
  feed.release();
});

test('the idle timeout options are validated', () => {
  const descriptor = (options: Record<string, string>) => ({ table: 't', connector: 'datagen', options: { connector: 'datagen', ...options }, schema: { fields: [] } });
  assert.doesNotThrow(() => validateConnectorOptions('source', descriptor({ 'scan.watermark.idle-timeout': '5 s' })));
  assert.throws(() => validateConnectorOptions('source', descriptor({ 'scan.watermark.idle-timeout': 'soon' })), /scan\.watermark\.idle-timeout.*duration/);
  const setting = SETTINGS.find((s) => s.key === 'table.exec.source.idle-timeout');
  assert.equal(setting?.defaultValue, '0 ms', 'off by default');
  assert.match(setting?.validate?.('later') ?? '', /duration/);
});
