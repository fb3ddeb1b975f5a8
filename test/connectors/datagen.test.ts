import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, decimal, INT, STRING, timestamp, BOOLEAN } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { createConnectorRegistry } from '../../src/connectors/index.js';
import { descriptor, drain, sourceContext } from './helpers.js';
import { batchOf } from '../../src/runtime/connector.js';

const registry = createConnectorRegistry({ baseDirectory: '.', printLine: () => undefined, inProcessTables: new Map() });

const orders = schema([field('id', BIGINT), field('qty', INT), field('price', decimal(6, 2)), field('name', STRING), field('ts', timestamp(3)), field('flag', BOOLEAN)]);

test('datagen sequence is bounded by its end and number-of-rows', async () => {
  const s = schema([field('id', BIGINT), field('code', STRING)]);
  const options = { 'fields.id.kind': 'sequence', 'fields.id.start': '5', 'fields.id.end': '9', 'fields.code.kind': 'sequence', 'fields.code.start': '100', 'fields.code.end': '1000', 'rows-per-second': '1000000' };
  const context = sourceContext(2);
  const { rows, batches } = await drain(registry.createSource(descriptor('g', 'datagen', s, options)), s, context);
  assert.deepEqual(rows, [[5n, '100'], [6n, '101'], [7n, '102'], [8n, '103'], [9n, '104']]);
  assert.ok(batches.every((b) => b.numRows <= 2));
  assert.equal(context.metrics.recordsRead, 5);
  const limited = await drain(registry.createSource(descriptor('g', 'datagen', s, { ...options, 'number-of-rows': '2' })), s);
  assert.equal(limited.rows.length, 2);
});

test('datagen random values respect min/max/length and are reproducible with a seed', async () => {
  const options = {
    'number-of-rows': '200', 'rows-per-second': '1000000', seed: '7',
    'fields.qty.min': '1', 'fields.qty.max': '3', 'fields.price.min': '-1.5', 'fields.price.max': '2.25',
    'fields.name.length': '4', 'fields.ts.max-past': '10s', 'fields.id.null-rate': '0.5',
  };
  const before = Date.now();
  const first = await drain(registry.createSource(descriptor('g', 'datagen', orders, options)), orders);
  const second = await drain(registry.createSource(descriptor('g', 'datagen', orders, options)), orders);
  assert.equal(first.rows.length, 200);
  for (const [id, qty, price, name, ts, flag] of first.rows) {
    assert.ok(id === null || typeof id === 'bigint');
    assert.ok((qty as number) >= 1 && (qty as number) <= 3);
    assert.ok((price as bigint) >= -150n && (price as bigint) <= 225n);
    assert.match(name as string, /^[0-9a-f]{4}$/);
    assert.ok((ts as number) >= before - 10_000 && (ts as number) <= Date.now());
    assert.equal(typeof flag, 'boolean');
  }
  const nulls = first.rows.filter((r) => r[0] === null).length;
  assert.ok(nulls > 50 && nulls < 150, `null count ${nulls}`);
  const stable = (rows: unknown[][]) => rows.map((r) => [r[0], r[1], r[2], r[3], r[5]]);
  assert.deepEqual(stable(first.rows), stable(second.rows));
});

test('datagen paces rows with rows-per-second', async () => {
  const s = schema([field('id', BIGINT)]);
  const started = performance.now();
  const { rows } = await drain(registry.createSource(descriptor('g', 'datagen', s, { 'number-of-rows': '6', 'rows-per-second': '20' })), s);
  const elapsed = performance.now() - started;
  assert.equal(rows.length, 6);
  assert.ok(elapsed >= 200, `took ${elapsed} ms`);
});

test('an unbounded datagen stops promptly when the signal aborts', async () => {
  const s = schema([field('id', BIGINT)]);
  const controller = new AbortController();
  const context = sourceContext(100, controller.signal);
  setTimeout(() => controller.abort(), 80);
  const started = performance.now();
  let rows = 0;
  for await (const batch of registry.createSource(descriptor('g', 'datagen', s, { 'rows-per-second': '5' })).read(context)) rows += batchOf(batch).numRows;
  assert.ok(performance.now() - started < 1000);
  assert.equal(rows, 1);
  assert.equal(context.metrics.recordsRead, 1);
});

test('a fast unbounded datagen still lets a timer cancel it', async () => {
  const s = schema([field('id', BIGINT)]);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const context = sourceContext(1000, controller.signal);
  for await (const _ of registry.createSource(descriptor('g', 'datagen', s, { 'rows-per-second': '1000000000', 'fields.id.min': '0', 'fields.id.max': '9' })).read(context)) {
    // drain until cancelled
  }
  assert.ok(context.metrics.recordsRead > 0);
});
