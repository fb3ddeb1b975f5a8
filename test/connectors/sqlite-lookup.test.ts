/**
 * The sqlite connector as a lookup table: rows the sqlite sink wrote read back as the same values (every scalar
 * type; BIGINT exact, NaN kept), composite keys, values that do not fit their column refused naming database,
 * table, column and key, missing tables and columns, and Flink's lookup options (shared with the sink's DDL).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIGINT, BOOLEAN, BYTES, DATE, DOUBLE, INT, STRING, TIMESTAMP3, arrayType, decimal, time } from '../../src/common/types.js';
import { ConnectorError } from '../../src/common/errors.js';
import type { Value } from '../../src/common/values.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { makeBatch } from '../../src/runtime/batch.js';
import { TableMetrics } from '../../src/runtime/metrics.js';
import { lookupCacheOf } from '../../src/connectors/index.js';
import { readSqliteLookupOptions, readSqliteSinkOptions } from '../../src/connectors/sqlite/options.js';
import { SqliteLookup } from '../../src/connectors/sqlite/lookup.js';
import { SqliteSink } from '../../src/connectors/sqlite/sink.js';
import { descriptor, tempDirectory } from './helpers.js';

const WIDE = schema([
  field('id', BIGINT), field('region', STRING), field('flag', BOOLEAN), field('n', INT), field('ratio', DOUBLE),
  field('price', decimal(12, 3)), field('ts', TIMESTAMP3), field('d', DATE), field('t', time(3)), field('raw', BYTES),
]);

const ROWS: Value[][] = [
  [9007199254740993n, 'EU', true, -2147483648, Number.NaN, 123456789123n, Date.UTC(2024, 1, 29, 23, 59, 59, 999), 19782, 45296789, new Uint8Array([1, 2, 255])],
  [9007199254740993n, 'US', false, 7, 0.1, -5n, 0, 0, 0, new Uint8Array([])],
  [2n, 'EU', null, null, null, null, null, null, null, null],
];

function lookup(dir: string, table: Schema, keys: readonly number[], options: Record<string, string> = {}, name = 'wide'): SqliteLookup {
  return new SqliteLookup(readSqliteLookupOptions(descriptor(name, 'sqlite', table, { path: 'db.sqlite', ...options }), dir), table, keys);
}

async function writeWide(dir: string): Promise<void> {
  const sink = new SqliteSink(readSqliteSinkOptions({ ...descriptor('wide', 'sqlite', WIDE, { path: 'db.sqlite' }), primaryKey: ['id', 'region'] }, dir), WIDE);
  await sink.open({ metrics: new TableMetrics('wide') });
  await sink.write(makeBatch(WIDE, WIDE.fields.map((_, c) => ROWS.map((r) => r[c]!))), undefined);
  await sink.finish();
}

test('rows the sqlite sink wrote are looked up as the same values, by a composite key', async () => {
  const dir = tempDirectory();
  await writeWide(dir);
  const reader = lookup(dir, WIDE, [0, 1]);
  reader.open();
  assert.deepEqual(await reader.lookup([9007199254740993n, 'EU']), [ROWS[0]]);
  assert.deepEqual(await reader.lookup([9007199254740993n, 'US']), [ROWS[1]]);
  assert.deepEqual(await reader.lookup([2n, 'EU']), [ROWS[2]]);
  assert.deepEqual(await reader.lookup([2n, 'US']), []);
  reader.close();
  const byRegion = lookup(dir, WIDE, [1]);
  byRegion.open();
  assert.equal((await byRegion.lookup(['EU'])).length, 2);
  byRegion.close();
});

test('a value that does not fit its column fails naming database, table, column and key', async () => {
  const dir = tempDirectory();
  const db = new Database(join(dir, 'db.sqlite'));
  db.exec('CREATE TABLE accounts (id INTEGER, balance, name TEXT)');
  db.prepare('INSERT INTO accounts VALUES (1, 3000000000, ?)').run('Ann');
  db.prepare("INSERT INTO accounts VALUES (2, 'lots', ?)").run('Bob');
  db.close();
  const accounts = schema([field('id', INT), field('balance', INT), field('name', STRING)]);
  const reader = lookup(dir, accounts, [0], {}, 'accounts');
  reader.open();
  await assert.rejects(async () => reader.lookup([1]),
    (err: unknown) => err instanceof ConnectorError && err.message.includes("column 'balance' of the SQLite table 'accounts' in 'db.sqlite' holds INTEGER '3000000000', which is not a INT (row of id=1)"));
  await assert.rejects(async () => reader.lookup([2]), /holds TEXT 'lots', which is not a INT \(row of id=2\)/);
  reader.close();
  const wider = schema([field('id', INT), field('balance', BIGINT), field('name', STRING)]);
  const asBigint = lookup(dir, wider, [0], {}, 'accounts');
  asBigint.open();
  assert.deepEqual(await asBigint.lookup([1]), [[1, 3000000000n, 'Ann']]);
  asBigint.close();
});

test('a missing database, table or column, and nested columns, are refused with what is missing', async () => {
  const dir = tempDirectory();
  assert.throws(() => lookup(dir, WIDE, [0]).open(), /cannot open 'db.sqlite' for lookups/);
  await writeWide(dir);
  assert.throws(() => lookup(dir, WIDE, [0], { 'table-name': 'nope' }).open(), /the database 'db.sqlite' has no table 'nope'/);
  const extra = schema([field('id', BIGINT), field('colour', STRING)]);
  assert.throws(() => lookup(dir, extra, [0]).open(), /has no column 'colour'/);
  const nested = schema([field('id', BIGINT), field('tags', arrayType(STRING))]);
  assert.throws(() => lookup(dir, nested, [0]), /column 'tags' of type ARRAY<STRING> cannot be read from SQLite/);
});

test("Flink's lookup options: defaults, PARTIAL with its bounds, invalid values; the sink accepts them too", () => {
  const table = (options: Record<string, string>) => descriptor('c', 'sqlite', WIDE, { connector: 'sqlite', path: 'db.sqlite', ...options });
  assert.deepEqual(readSqliteLookupOptions(table({}), '/tmp').cache, { kind: 'none' });
  assert.equal(readSqliteLookupOptions(table({}), '/tmp').maxRetries, 3);
  const partial = table({
    'lookup.cache': 'partial', 'lookup.partial-cache.max-rows': '500', 'lookup.partial-cache.expire-after-write': '10 min',
    'lookup.partial-cache.expire-after-access': '30s', 'lookup.partial-cache.cache-missing-key': 'false', 'lookup.max-retries': '0',
  });
  assert.deepEqual(lookupCacheOf(partial), { kind: 'partial', maxRows: 500, expireAfterWrite: 600_000, expireAfterAccess: 30_000, cacheMissingKey: false });
  assert.equal(readSqliteLookupOptions(partial, '/tmp').maxRetries, 0);
  assert.doesNotThrow(() => readSqliteSinkOptions(partial, '/tmp'));
  assert.throws(() => lookupCacheOf(table({ 'lookup.cache': 'FULL' })), /unsupported value 'FULL' for option 'lookup.cache'; supported are NONE, PARTIAL/);
  assert.throws(() => lookupCacheOf(table({ 'lookup.cache': 'PARTIAL' })), /needs at least one eviction policy/);
  assert.throws(() => lookupCacheOf(table({ 'lookup.partial-cache.max-rows': '-1' })), /must be at least 0/);
  assert.throws(() => lookupCacheOf(table({ 'lookup.partial-cache.expire-after-write': 'soon' })), /must be a duration/);
  assert.equal(lookupCacheOf(descriptor('f', 'filesystem', WIDE, { path: 'x', format: 'json' })), undefined);
});

test("a failing lookup query is tried again 'lookup.max-retries' times, then fails naming the key", async () => {
  const dir = tempDirectory();
  await writeWide(dir);
  for (const [retries, attempts] of [['0', '1 attempt'], ['1', '2 attempts']] as const) {
    const reader = lookup(dir, WIDE, [0], { 'lookup.max-retries': retries });
    reader.open();
    const db = new Database(join(dir, 'db.sqlite'));
    db.exec('ALTER TABLE wide RENAME TO wide_gone');
    await assert.rejects(async () => reader.lookup([2n]), new RegExp(`lookup of id=2 in 'db.sqlite' failed after ${attempts}: no such table`));
    db.exec('ALTER TABLE wide_gone RENAME TO wide');
    db.close();
    reader.close();
  }
});
