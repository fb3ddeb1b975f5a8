/**
 * The lookup join operator driven directly over a real SQLite file written concurrently (WAL mode), with a fake
 * clock: without a cache every lookup sees the latest committed row; with `'lookup.cache' = 'PARTIAL'` a cached
 * row is served stale until it expires (after write / after access), missing keys are cached unless
 * cache-missing-key is false, and the LRU keeps at most max-rows keys.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import Database from 'better-sqlite3';
import { INT, STRING } from '../../src/common/types.js';
import { RowKind, type Value } from '../../src/common/values.js';
import { columnExpr } from '../../src/dataflow/expr.js';
import type { ConnectorDescriptor, LookupCacheSpec, LookupJoinSpec } from '../../src/dataflow/graph.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { createConnectorRegistry } from '../../src/connectors/index.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { LookupCache } from '../../src/runtime/lookup-cache.js';
import { dataMessage } from '../../src/runtime/messages.js';
import { JobMetrics, OperatorMetrics } from '../../src/runtime/metrics.js';
import type { OperatorContext } from '../../src/runtime/operator.js';
import { LookupJoinOperator } from '../../src/runtime/operators/lookup-join.js';
import { MemoryStateBackend } from '../../src/runtime/state/index.js';

const PROBE: Schema = schema([field('order_id', STRING), field('customer_id', INT)]);
const CUSTOMERS: Schema = schema([field('id', INT), field('name', STRING)]);
const OUTPUT: Schema = schema([...PROBE.fields, ...CUSTOMERS.fields]);

let dir = '';
let writer: Database.Database;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-lookup-op-'));
  writer = new Database(join(dir, 'shop.db'));
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
});
after(() => {
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

function setCustomers(rows: readonly [number, string][]): void {
  writer.exec('DELETE FROM customers');
  for (const [id, name] of rows) writer.prepare('INSERT INTO customers VALUES (?, ?)').run(id, name);
}

async function harness(cache: LookupCacheSpec) {
  const clock = { now: 1_000 };
  const output: string[] = [];
  const jobMetrics = new JobMetrics();
  const context: OperatorContext = {
    operatorId: 3, outputSchema: OUTPUT, inputSchema: PROBE, inputSchemas: [PROBE], state: new MemoryStateBackend(), jobMetrics,
    metrics: new OperatorMetrics(3, 'LookupJoin#3'), currentWatermark: Number.NEGATIVE_INFINITY,
    emit: async (batch: RecordBatch, options) => {
      batchRows(batch, OUTPUT).forEach((row, i) => {
        const kind = options?.rowKinds ? ['+I', '-U', '+U', '-D'][options.rowKinds[i]!] : '+I';
        output.push(`${kind} ${row.map((v: Value) => v ?? '-').join(' ')}`);
      });
    },
    emitWatermark: async () => {},
    reportDropped: () => {},
  };
  const connector: ConnectorDescriptor = { table: 'customers', connector: 'sqlite', options: { connector: 'sqlite', path: 'shop.db' }, schema: CUSTOMERS };
  const spec: LookupJoinSpec = { kind: 'lookup-join', joinType: 'left', connector, keys: [{ column: 0, probe: columnExpr(1, INT) }], residual: null, cache };
  const reader = createConnectorRegistry({ baseDirectory: dir, printLine: () => {}, inProcessTables: new Map() }).createLookup(connector, [0]);
  const operator = new LookupJoinOperator(spec, reader, () => clock.now);
  await operator.open(context);
  const send = async (rows: readonly [string, number | null][], kinds?: RowKind[]): Promise<string[]> => {
    output.length = 0;
    const batch = makeBatch(PROBE, [rows.map((r) => r[0]), rows.map((r) => r[1])], rows.length);
    await operator.processBatch(kinds ? dataMessage(batch, Uint8Array.from(kinds)) : dataMessage(batch), context);
    return [...output];
  };
  const counters = () => [jobMetrics.table('customers').lookupCacheHits, jobMetrics.table('customers').lookupCacheMisses];
  return { clock, send, counters, close: () => operator.close() };
}

test('no cache: every lookup reads the latest committed row of the concurrently written (WAL) database', async () => {
  setCustomers([[1, 'Ann']]);
  const h = await harness({ kind: 'none' });
  assert.deepEqual(await h.send([['o1', 1], ['o2', 2], ['o3', null]]), ['+I o1 1 1 Ann', '+I o2 2 - -', '+I o3 - - -']);
  setCustomers([[1, 'Anna'], [2, 'Bob']]);
  assert.deepEqual(await h.send([['o4', 1], ['o5', 2]]), ['+I o4 1 1 Anna', '+I o5 2 2 Bob']);
  assert.deepEqual(h.counters(), [0, 4]);
  await h.close();
});

test('PARTIAL cache: a cached row is served stale until expire-after-write, then reloaded', async () => {
  setCustomers([[1, 'Ann']]);
  const h = await harness({ kind: 'partial', expireAfterWrite: 10_000, cacheMissingKey: true });
  assert.deepEqual(await h.send([['o1', 1]]), ['+I o1 1 1 Ann']);
  setCustomers([[1, 'Anna']]);
  h.clock.now += 9_999;
  assert.deepEqual(await h.send([['o2', 1]]), ['+I o2 1 1 Ann'], 'stale: still the cached row');
  h.clock.now += 1;
  assert.deepEqual(await h.send([['o3', 1]]), ['+I o3 1 1 Anna'], 'expired: reloaded');
  assert.deepEqual(h.counters(), [1, 2]);
  await h.close();
});

test('PARTIAL cache: expire-after-access keeps a key that is read often, drops one left alone', async () => {
  setCustomers([[1, 'Ann'], [2, 'Bob']]);
  const h = await harness({ kind: 'partial', expireAfterAccess: 1_000, cacheMissingKey: true });
  await h.send([['o1', 1], ['o2', 2]]);
  setCustomers([[1, 'Anna'], [2, 'Bobby']]);
  for (let i = 0; i < 3; i++) {
    h.clock.now += 600;
    assert.deepEqual(await h.send([['o', 1]]), ['+I o 1 1 Ann']);
  }
  assert.deepEqual(await h.send([['o', 2]]), ['+I o 2 2 Bobby']);
  await h.close();
});

test('cache-missing-key: a key without a row is cached as missing (default) or looked up again (false)', async () => {
  setCustomers([[1, 'Ann']]);
  for (const cacheMissingKey of [true, false]) {
    setCustomers([[1, 'Ann']]);
    const h = await harness({ kind: 'partial', maxRows: 100, cacheMissingKey });
    assert.deepEqual(await h.send([['o1', 9]]), ['+I o1 9 - -']);
    setCustomers([[1, 'Ann'], [9, 'Nina']]);
    assert.deepEqual(await h.send([['o2', 9]]), [cacheMissingKey ? '+I o2 9 - -' : '+I o2 9 9 Nina']);
    assert.deepEqual(h.counters(), cacheMissingKey ? [1, 1] : [0, 2]);
    await h.close();
  }
});

test('row kinds of the probe rows pass through to their joined rows', async () => {
  setCustomers([[1, 'Ann']]);
  const h = await harness({ kind: 'none' });
  assert.deepEqual(await h.send([['o1', 1], ['o1', 1], ['o2', 3]], [RowKind.UpdateBefore, RowKind.UpdateAfter, RowKind.Delete]),
    ['-U o1 1 1 Ann', '+U o1 1 1 Ann', '-D o2 3 - -']);
  await h.close();
});

test('LookupCache: least recently used key evicted beyond max-rows; a hit refreshes recency', () => {
  const cache = new LookupCache({ kind: 'partial', maxRows: 2, cacheMissingKey: true }, () => 0);
  cache.put('a', [[1]]);
  cache.put('b', [[2]]);
  assert.deepEqual(cache.get('a'), [[1]]);
  cache.put('c', [[3]]);
  assert.equal(cache.get('b'), undefined);
  assert.deepEqual([cache.get('a'), cache.get('c'), cache.size], [[[1]], [[3]], 2]);
});
