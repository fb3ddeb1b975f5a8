import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from '../../src/common/errors.js';
import { BIGINT, decimal, STRING, timestamp } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { createConnectorRegistry, type InProcessSource } from '../../src/connectors/index.js';
import { descriptor, drain, sourceContext } from './helpers.js';

const bids = schema([field('id', BIGINT), field('price', decimal(10, 2)), field('ts', timestamp(3)), field('item', STRING)]);

function sourceFor(source: InProcessSource) {
  const registry = createConnectorRegistry({ baseDirectory: '.', printLine: () => undefined, inProcessTables: new Map([['bids', source]]) });
  return registry.createSource(descriptor('bids', 'in-process', bids, {}));
}

test('in-process rows convert strings, bigints, numbers and Dates exactly', async () => {
  const rows = [
    { id: '9007199254740993', price: '11.5', ts: '2020-04-15 08:05:00', item: 'A' },
    { id: 7n, price: 3n, ts: new Date(Date.UTC(2020, 3, 15, 8, 6)), item: 'B' },
    { id: 8, price: 0.1, ts: Date.UTC(2020, 3, 15, 8, 7) },
  ];
  const context = sourceContext(2);
  const { rows: read, batches } = await drain(sourceFor({ rows }), bids, context);
  assert.deepEqual(read, [
    [9007199254740993n, 1150n, Date.UTC(2020, 3, 15, 8, 5), 'A'],
    [7n, 300n, Date.UTC(2020, 3, 15, 8, 6), 'B'],
    [8n, 10n, Date.UTC(2020, 3, 15, 8, 7), null],
  ]);
  assert.deepEqual(batches.map((b) => b.numRows), [2, 1]);
  assert.equal(context.metrics.recordsRead, 3);
});

test('in-process async iterables flush partial batches when the producer is idle', async () => {
  async function* live() {
    yield { id: 1 };
    await new Promise((resolve) => setTimeout(resolve, 20));
    yield { id: 2 };
  }
  const { batches } = await drain(sourceFor({ rows: live() }), bids, sourceContext(100));
  assert.deepEqual(batches.map((b) => b.numRows), [1, 1]);
});

test('a bad in-process value names the table, row and field', async () => {
  const rows = [{ id: 1 }, { id: 2, price: 'cheap' }];
  await assert.rejects(drain(sourceFor({ rows }), bids), (error: unknown) => {
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.location, "in-process table 'bids' row 2");
    assert.match(error.message, /Cannot read field 'price' as DECIMAL\(10, 2\): "cheap" is not a number/);
    return true;
  });
});

test('cancelling an in-process source does not wait for the next row', async () => {
  const controller = new AbortController();
  async function* never() {
    yield { id: 1 };
    await new Promise(() => undefined);
  }
  setTimeout(() => controller.abort(), 30);
  const { rows } = await drain(sourceFor({ rows: never() }), bids, sourceContext(100, controller.signal));
  assert.equal(rows.length, 1);
});

test('an endless synchronous iterable can be cancelled', async () => {
  function* endless() {
    for (let i = 0; ; i++) yield { id: i };
  }
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const context = sourceContext(500, controller.signal);
  for await (const _ of sourceFor({ rows: endless() }).read(context)) {
    // drain until cancelled
  }
  assert.ok(context.metrics.recordsRead >= 500);
});

test('in-process Arrow batches pass through as they are (cut to the batch size) and wrong columns are refused', async () => {
  const { makeBatch } = await import('../../src/runtime/batch.js');
  const { Engine } = await import('../../src/index.js');
  const { BIGINT: bigint, STRING: text, timestamp: ts } = await import('../../src/common/types.js');
  const { field: f, schema: s } = await import('../../src/dataflow/schema.js');
  const table = s([f('id', bigint), f('item', text), f('t', ts(3))]);
  const base = Date.UTC(2020, 3, 15, 8, 0);
  const batch = (from: number, n: number) => makeBatch(table, [
    Array.from({ length: n }, (_, i) => BigInt(from + i)), Array.from({ length: n }, (_, i) => `item-${(from + i) % 3}`),
    Array.from({ length: n }, (_, i) => base + (from + i) * 1000),
  ]);
  const engine = new Engine();
  engine.registerTable('events', {
    columns: [{ name: 'id', type: 'BIGINT' }, { name: 'item', type: 'STRING' }, { name: 't', type: 'TIMESTAMP(3)' }],
    batches: [batch(0, 5000), batch(5000, 1000)],
    watermark: { column: 't', expression: 't' },
  });
  await engine.execute("SET 'sluice.batch-size' = '1024'");
  const rows = await engine.query(`SELECT item, COUNT(*) AS n, MIN(id) AS first FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(t), INTERVAL '2' HOUR))
    GROUP BY window_start, window_end, item`).toArray();
  assert.deepEqual(rows.map((r) => [r.item, r.n, r.first]).sort(), [['item-0', 2000n, 0n], ['item-1', 2000n, 1n], ['item-2', 2000n, 2n]]);
  const wrong = new Engine();
  wrong.registerTable('events', { columns: [{ name: 'id', type: 'INT' }], batches: [batch(0, 1)] });
  await assert.rejects(async () => wrong.query('SELECT * FROM events').toArray(), /Batch 1 of in-process table 'events' has columns \(Int64, Utf8, Timestamp<MILLISECOND>\), expected \(Int32\)/);
  assert.throws(() => wrong.registerTable('neither', { columns: [] }), /needs either 'rows' or 'batches'/);
});
