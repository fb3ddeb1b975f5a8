/**
 * The sqlite sink on real database files: upsert and delete by primary key, exact BIGINT and DECIMAL, NaN kept,
 * updates refused without a key (naming the DDL fix), and the two-phase commit: a committable is applied once, even
 * when committed again after a crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIGINT, DOUBLE, STRING, decimal } from '../../src/common/types.js';
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
