/**
 * CREATE TABLE … AS SELECT: the table gets the query's columns and the INSERT job starts, as in Flink; declared
 * columns (FLIP-463) override a query column's type or come first as NULL; a PRIMARY KEY may name query columns;
 * an INSERT that cannot be planned leaves no table behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanError, SqlSyntaxError, type JobHandle, type StatementResult } from '../../src/index.js';
import { DOCUMENTED_BIDS, engineWithBids } from './helpers.js';

function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as { kind: 'job'; job: JobHandle }).job;
}

function lines(dir: string): string[] {
  return readdirSync(dir).filter((f) => !f.startsWith('.')).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)).sort();
}

function described(result: StatementResult): unknown[][] {
  if (result.kind !== 'table') assert.fail(`expected a table, got ${result.kind}`);
  return result.rows.map((row) => row.slice(0, 4));
}

test('CTAS creates the table with the query schema and runs the INSERT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-ctas-'));
  const engine = engineWithBids(DOCUMENTED_BIDS, { baseDirectory: dir });
  const handle = job(await engine.execute(`CREATE TABLE cheap WITH ('connector' = 'filesystem', 'path' = 'cheap', 'format' = 'csv')
    AS SELECT item, price * 2 AS doubled, bidtime FROM Bid WHERE price < 3`));
  assert.equal(handle.jobName, 'insert-into_cheap');
  const summary = await handle.done();
  assert.equal(summary.status, 'finished');
  assert.deepEqual(lines(join(dir, 'cheap')), ['A,4.00,"2020-04-15 08:07:00"', 'E,2.00,"2020-04-15 08:13:00"']);
  assert.deepEqual(described(await engine.execute('DESCRIBE cheap')), [
    ['item', 'STRING', true, null],
    ['doubled', 'DECIMAL(21, 2)', true, null],
    ['bidtime', 'TIMESTAMP(3)', true, null], // the rowtime becomes a plain TIMESTAMP, as in Flink
  ]);
  await engine.close();
});

test('CTAS with declared columns and a primary key (FLIP-463): extra columns first, declared types win', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-ctas-'));
  const engine = engineWithBids(DOCUMENTED_BIDS, { baseDirectory: dir });
  await job(await engine.execute(`CREATE TABLE w (note STRING, total DECIMAL(20, 1), PRIMARY KEY (window_start) NOT ENFORCED)
    WITH ('connector' = 'filesystem', 'path' = 'w', 'format' = 'json')
    AS SELECT window_start, SUM(price) AS total FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`)).done();
  assert.deepEqual(described(await engine.execute('DESCRIBE w')), [
    ['note', 'STRING', true, null],
    ['window_start', 'TIMESTAMP(3)', true, 'PRI(window_start)'],
    ['total', 'DECIMAL(20, 1)', true, null],
  ]);
  assert.deepEqual(lines(join(dir, 'w')), [
    '{"note":null,"window_start":"2020-04-15 08:00:00","total":11.0}',
    '{"note":null,"window_start":"2020-04-15 08:10:00","total":10.0}',
  ]);
  await engine.close();
});

test('CTAS with IF NOT EXISTS over an existing table inserts into it', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  await engine.execute("CREATE TABLE out_t (item STRING) WITH ('connector' = 'blackhole')");
  const summary = await job(await engine.execute("CREATE TABLE IF NOT EXISTS out_t WITH ('connector' = 'blackhole') AS SELECT item FROM Bid")).done();
  assert.equal(summary.tables.find((t) => t.table === 'out_t')?.recordsWritten, 6);
  await assert.rejects(engine.execute("CREATE TABLE out_t WITH ('connector' = 'blackhole') AS SELECT item FROM Bid"), /Table 'out_t' already exists at 1:14/);
  await engine.close();
});

test('CTAS of an updating query into an append-only sink fails at the query and creates no table', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  await assert.rejects(
    engine.execute("CREATE TABLE counts WITH ('connector' = 'filesystem', 'path' = 'x', 'format' = 'csv')\nAS SELECT item, COUNT(*) AS n FROM Bid GROUP BY item"),
    (error: unknown) => error instanceof PlanError && /^Table sink 'counts' \(connector 'filesystem'\) doesn't support consuming update changes.* at 2:4$/.test(error.message),
  );
  assert.ok(!engine.tableNames().includes('counts'));
  const summary = await job(await engine.execute("CREATE TABLE counts WITH ('connector' = 'print') AS SELECT item, COUNT(*) AS n FROM Bid GROUP BY item")).done();
  assert.equal(summary.status, 'finished');
  await engine.close();
});

test('CTAS errors: a bare NULL column, LIKE with AS', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  await assert.rejects(engine.execute("CREATE TABLE n WITH ('connector' = 'blackhole') AS SELECT NULL AS x FROM Bid"), /column 'x' has no type \(a bare NULL\); CAST it/);
  await assert.rejects(
    engine.execute("CREATE TABLE l WITH ('connector' = 'blackhole') LIKE Bid AS SELECT 1"),
    (error: unknown) => error instanceof SqlSyntaxError && /cannot also have LIKE at 1:58/.test(error.message),
  );
  assert.deepEqual(engine.tableNames().filter((name) => name.length === 1), []);
  await engine.close();
});
