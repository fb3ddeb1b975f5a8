import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, decimal, DOUBLE, INT, INTERVAL, STRING, timestamp } from '../../src/common/types.js';
import { RowKind, type Value } from '../../src/common/values.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { createConnectorRegistry } from '../../src/connectors/index.js';
import { javaDoubleText, javaTimestampText, printedValue } from '../../src/connectors/print/format-row.js';
import { makeBatch } from '../../src/runtime/batch.js';
import { TableMetrics } from '../../src/runtime/metrics.js';
import { descriptor } from './helpers.js';

function batchOf(s: Schema, data: Value[][]) {
  return makeBatch(s, s.fields.map((_, c) => data.map((r) => r[c]!)), data.length);
}

const windows = schema([field('window_start', timestamp(3)), field('window_end', timestamp(3)), field('total', decimal(10, 2))]);

test('print sink prints rows exactly like Flink', async () => {
  const lines: string[] = [];
  const registry = createConnectorRegistry({ baseDirectory: '.', printLine: (l) => lines.push(l), inProcessTables: new Map() });
  const sink = registry.createSink(descriptor('out', 'print', windows, {}));
  const metrics = new TableMetrics('out');
  await sink.open({ metrics });
  await sink.write(batchOf(windows, [
    [Date.UTC(2020, 3, 15, 8, 0), Date.UTC(2020, 3, 15, 8, 10), 1100n],
    [Date.UTC(2020, 3, 15, 8, 0, 5), Date.UTC(2020, 3, 15, 8, 0, 5, 500), null],
  ]), undefined);
  await sink.finish();
  assert.deepEqual(lines, ['+I[2020-04-15T08:00, 2020-04-15T08:10, 11.00]', '+I[2020-04-15T08:00:05, 2020-04-15T08:00:05.500, <NULL>]']);
  assert.equal(metrics.recordsWritten, 2);
});

test("print sink shows row kinds and the 'print-identifier' prefix", async () => {
  const lines: string[] = [];
  const s = schema([field('name', STRING), field('n', BIGINT)]);
  const registry = createConnectorRegistry({ baseDirectory: '.', printLine: (l) => lines.push(l), inProcessTables: new Map() });
  const sink = registry.createSink(descriptor('out', 'print', s, { 'print-identifier': 'totals' }));
  await sink.open({ metrics: new TableMetrics('out') });
  const kinds = new Uint8Array([RowKind.Insert, RowKind.UpdateBefore, RowKind.UpdateAfter, RowKind.Delete]);
  await sink.write(batchOf(s, [['a', 1n], ['a', 1n], ['a', 2n], ['b c', 3n]]), kinds);
  assert.deepEqual(lines, ['totals> +I[a, 1]', 'totals> -U[a, 1]', 'totals> +U[a, 2]', 'totals> -D[b c, 3]']);
});

test('printed values follow Java formatting for doubles and Flink intervals', () => {
  assert.equal(javaDoubleText(1), '1.0');
  assert.equal(javaDoubleText(0.5), '0.5');
  assert.equal(javaDoubleText(1e7), '1.0E7');
  assert.equal(javaDoubleText(12345678.9), '1.23456789E7');
  assert.equal(javaDoubleText(0.0001), '1.0E-4');
  assert.equal(javaDoubleText(Number.NaN), 'NaN');
  assert.equal(printedValue(42, INT), '42');
  assert.equal(printedValue(-3.25, DOUBLE), '-3.25');
  assert.equal(printedValue(600_000, INTERVAL), '+0 00:10:00.000');
  assert.equal(printedValue(-5n, decimal(5, 2)), '-0.05');
});

test('blackhole sink discards rows but counts them', async () => {
  const registry = createConnectorRegistry({ baseDirectory: '.', printLine: () => assert.fail('nothing printed'), inProcessTables: new Map() });
  const s = schema([field('n', BIGINT)]);
  const sink = registry.createSink(descriptor('sink', 'blackhole', s, {}));
  const metrics = new TableMetrics('sink');
  await sink.open({ metrics });
  await sink.write(batchOf(s, [[1n], [2n], [3n]]), new Uint8Array([0, 1, 2]));
  await sink.finish();
  assert.equal(metrics.recordsWritten, 3);
});

test('timestamps print like Java LocalDateTime', () => {
  assert.equal(javaTimestampText(Date.UTC(2020, 3, 15, 8, 5)), '2020-04-15T08:05');
  assert.equal(javaTimestampText(Date.UTC(2020, 3, 15, 8, 5, 1)), '2020-04-15T08:05:01');
  assert.equal(javaTimestampText(Date.UTC(2020, 3, 15, 8, 5, 0, 10)), '2020-04-15T08:05:00.010');
});
