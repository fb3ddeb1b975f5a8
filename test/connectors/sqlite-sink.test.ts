/**
 * The sqlite sink on real database files: upsert and delete by primary key, exact BIGINT and DECIMAL, NaN kept,
 * updates refused without a key (naming the DDL fix), and the two-phase commit: a committable is applied once, even
 * when committed again after a crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIGINT, BOOLEAN, DOUBLE, STRING, TIMESTAMP3, decimal } from '../../src/common/types.js';
import { ConnectorError } from '../../src/common/errors.js';
import { Engine, type JobHandle, type StatementResult } from '../../src/index.js';
import { RowKind, type Value } from '../../src/common/values.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { makeBatch } from '../../src/runtime/batch.js';
import { TableMetrics } from '../../src/runtime/metrics.js';
import { readSqliteSinkOptions } from '../../src/connectors/sqlite/options.js';
import { SqliteSink } from '../../src/connectors/sqlite/sink.js';
import { descriptor, tempDirectory } from './helpers.js';

const ROWS = schema([field('user_id', STRING), field('clicks', BIGINT), field('amount', decimal(10, 2)), field('ratio', DOUBLE)]);

function sink(dir: string, primaryKey: string[] = ['user_id']): SqliteSink {
  const options = readSqliteSinkOptions({ ...descriptor('totals', 'sqlite', ROWS, { path: 'out.db' }), primaryKey }, dir);
  return new SqliteSink(options, ROWS);
}

function batch(rows: Value[][]): ReturnType<typeof makeBatch> {
  return makeBatch(ROWS, ROWS.fields.map((_, c) => rows.map((r) => r[c]!)));
}

function stored(dir: string): unknown[] {
  const db = new Database(join(dir, 'out.db'), { readonly: true });
  db.defaultSafeIntegers(true);
  const rows = db.prepare('SELECT * FROM totals ORDER BY user_id').all();
  db.close();
  return rows;
}

test('upserts by key, deletes by key (-D, and -U unless its +U follows); BIGINT and DECIMAL exact, NaN kept', async () => {
  const dir = tempDirectory();
  const writer = sink(dir);
  await writer.open({ metrics: new TableMetrics('totals') });
  await writer.write(batch([['a', 1n, 150n, 0.5], ['b', 9_223_372_036_854_775_807n, 1n, Number.NaN]]), undefined);
  await writer.write(batch([['a', 1n, 150n, 0.5], ['a', 2n, 300n, 0.25], ['b', 0n, 0n, 0]]), Uint8Array.of(RowKind.UpdateBefore, RowKind.UpdateAfter, RowKind.Delete));
  await writer.write(batch([['c', 3n, 5n, null], ['d', 1n, 1n, 1]]), undefined);
  await writer.write(batch([['d', 1n, 1n, 1]]), Uint8Array.of(RowKind.UpdateBefore)); // its +U was filtered out (HAVING)
  await writer.finish();
  assert.deepEqual(stored(dir), [
    { user_id: 'a', clicks: 2n, amount: '3.00', ratio: 0.25 },
    { user_id: 'c', clicks: 3n, amount: '0.05', ratio: null },
  ]);
  const again = sink(dir);
  await again.open({ metrics: new TableMetrics('totals') });
  await again.write(batch([['n', 9_223_372_036_854_775_807n, -1n, Number.NaN]]), undefined);
  await again.finish();
  assert.deepEqual(stored(dir)[2], { user_id: 'n', clicks: 9_223_372_036_854_775_807n, amount: '-0.01', ratio: 'NaN' });
});

test('an update without a primary key is refused with the DDL fix', async () => {
  const dir = tempDirectory();
  const writer = sink(dir, []);
  await writer.open({ metrics: new TableMetrics('totals') });
  await assert.rejects(writer.write(batch([['a', 1n, 1n, 1]]), Uint8Array.of(RowKind.UpdateAfter)), (error: Error & { hint?: string }) => {
    assert.match(error.message, /received an update \(-U\/\+U\/-D\) but the table has no primary key/);
    assert.match(error.hint ?? '', /PRIMARY KEY \(user_id\) NOT ENFORCED/);
    return true;
  });
  await writer.abort();
});

test('two-phase commit: nothing is visible before commit; a repeated commit (after a crash) applies nothing twice', async () => {
  const dir = tempDirectory();
  const context = { metrics: new TableMetrics('totals'), checkpointing: true, jobName: 'job' };
  const writer = sink(dir, []);
  await writer.open(context);
  await writer.write(batch([['a', 1n, 1n, 1], ['b', 2n, 2n, 2]]), undefined);
  const first = await writer.prepareCommit(1);
  assert.deepEqual(stored(dir), []);
  await writer.commit(first);
  await writer.commit(first);
  await writer.write(batch([['c', 3n, 3n, 3]]), undefined);
  const second = await writer.prepareCommit(2);
  await writer.abort(); // the crash: checkpoint 2 is durable, its commit did not happen

  const recovered = sink(dir, []);
  await recovered.open(context);
  await recovered.recover([second]);
  await recovered.recover([second]);
  await recovered.finish();
  assert.deepEqual((stored(dir) as { user_id: string }[]).map((r) => r.user_id), ['a', 'b', 'c']);
});

test('checkpointing with a key: a later checkpoint is not undone by recovering an earlier, already committed one', async () => {
  const dir = tempDirectory();
  const context = { metrics: new TableMetrics('totals'), checkpointing: true, jobName: 'job' };
  const writer = sink(dir);
  await writer.open(context);
  await writer.write(batch([['a', 1n, 1n, 1], ['b', 1n, 1n, 1]]), undefined);
  const first = await writer.prepareCommit(1);
  await writer.write(batch([['a', 1n, 1n, 1], ['a', 5n, 5n, 5], ['b', 1n, 1n, 1]]), Uint8Array.of(RowKind.UpdateBefore, RowKind.UpdateAfter, RowKind.Delete));
  const second = await writer.prepareCommit(2);
  assert.deepEqual(await writer.prepareCommit(3), { checkpointId: 3, changes: [] });
  assert.deepEqual(structuredClone(second), second, 'committables are plain, structured-cloneable data');
  await writer.commit(first);
  await writer.commit(second);
  await writer.abort();

  const recovered = sink(dir);
  await recovered.open(context);
  await recovered.recover([first]); // committed long ago: the marker says checkpoint 2, so nothing happens
  await recovered.finish();
  assert.deepEqual(stored(dir), [{ user_id: 'a', clicks: 5n, amount: '0.05', ratio: 5 }]);
  const db = new Database(join(dir, 'out.db'), { readonly: true });
  assert.deepEqual(db.prepare('SELECT job, sink, checkpoint_id FROM sluice_sink_commits').all(), [{ job: 'job', sink: 'totals', checkpoint_id: 2 }]);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});

test('BOOLEAN as 0/1, TIMESTAMP as text; an existing table with other columns is refused by name', async () => {
  const dir = tempDirectory();
  const flags = schema([field('id', BIGINT), field('on', BOOLEAN), field('at', TIMESTAMP3)]);
  const open = async (): Promise<SqliteSink> => {
    const writer = new SqliteSink(readSqliteSinkOptions(descriptor('flags', 'sqlite', flags, { path: 'sub/f.db', 'table-name': 'flag_rows' }), dir), flags);
    await writer.open({ metrics: new TableMetrics('flags') });
    return writer;
  };
  const writer = await open();
  await writer.write(makeBatch(flags, [[1n, 2n], [true, false], [Date.UTC(2024, 0, 1, 0, 0, 1, 500), null]]), undefined);
  await writer.finish();
  const db = new Database(join(dir, 'sub', 'f.db'));
  assert.deepEqual(db.prepare('SELECT * FROM flag_rows ORDER BY id').all(), [
    { id: 1, on: 1, at: '2024-01-01 00:00:01.500' },
    { id: 2, on: 0, at: null },
  ]);
  db.exec('DROP TABLE flag_rows; CREATE TABLE flag_rows (id INTEGER, enabled INTEGER, at TEXT)');
  db.close();
  await assert.rejects(open(), /SQLite table 'flag_rows' in 'sub\/f\.db' has no column 'on' \(it has id, enabled, at\)/);
});

test('options: path required, unknown keys refused with a suggestion', () => {
  const read = (options: Record<string, string>): unknown => readSqliteSinkOptions(descriptor('t', 'sqlite', ROWS, options), '/base');
  assert.throws(() => read({}), /Table 't': option 'path' is required for connector 'sqlite'/);
  assert.throws(() => read({ path: 'x.db', 'table_name': 'y' }), (error: Error) => {
    assert.ok(error instanceof ConnectorError);
    assert.match(error.message, /table_name/);
    assert.match(error.message, /did you mean 'table-name'/);
    return true;
  });
  assert.deepEqual(read({ path: 'x.db' }), { table: 't', path: '/base/x.db', displayPath: 'x.db', tableName: 't', primaryKey: [] });
});

test('end to end through the engine without checkpoints: a CSV file into a sqlite table, and an updating count by key', async () => {
  const dir = tempDirectory();
  writeFileSync(join(dir, 'clicks.csv'), 'alice,9223372036854775807,1.10\nbob,2,2.20\nalice,3,0.05\n');
  const engine = new Engine({ baseDirectory: dir });
  await engine.execute(`
    CREATE TABLE clicks (name STRING, n BIGINT, amount DECIMAL(10, 2)) WITH ('connector' = 'filesystem', 'path' = 'clicks.csv', 'format' = 'csv');
    CREATE TABLE copied (name STRING, n BIGINT, amount DECIMAL(10, 2)) WITH ('connector' = 'sqlite', 'path' = 'out.db');
    CREATE TABLE per_name (name STRING, clicks BIGINT, total DECIMAL(38, 2), PRIMARY KEY (name) NOT ENFORCED)
      WITH ('connector' = 'sqlite', 'path' = 'out.db', 'table-name' = 'totals_by_name');`);
  const jobOf = (result: StatementResult): JobHandle => {
    assert.equal(result.kind, 'job');
    return (result as { kind: 'job'; job: JobHandle }).job;
  };
  await jobOf(await engine.execute('INSERT INTO copied SELECT name, n, amount FROM clicks')).done();
  await jobOf(await engine.execute('INSERT INTO per_name SELECT name, COUNT(*), SUM(amount) FROM clicks GROUP BY name')).done();
  const db = new Database(join(dir, 'out.db'), { readonly: true });
  db.defaultSafeIntegers(true);
  assert.deepEqual(db.prepare('SELECT * FROM copied ORDER BY n').all(), [
    { name: 'bob', n: 2n, amount: '2.20' },
    { name: 'alice', n: 3n, amount: '0.05' },
    { name: 'alice', n: 9_223_372_036_854_775_807n, amount: '1.10' },
  ]);
  assert.deepEqual(db.prepare('SELECT * FROM totals_by_name ORDER BY name').all(), [
    { name: 'alice', clicks: 2n, total: '1.15' },
    { name: 'bob', clicks: 1n, total: '2.20' },
  ]);
  db.close();
});
