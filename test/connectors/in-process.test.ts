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
