import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConnectorError } from '../../src/common/errors.js';
import { BIGINT, decimal, DOUBLE, STRING, timestamp, BOOLEAN } from '../../src/common/types.js';
import { RowKind, type Value } from '../../src/common/values.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { createConnectorRegistry } from '../../src/connectors/index.js';
import { makeBatch } from '../../src/runtime/batch.js';
import { TableMetrics } from '../../src/runtime/metrics.js';
import { descriptor, drain, tempDirectory } from './helpers.js';

const results = schema([
  field('id', BIGINT), field('name', STRING), field('total', decimal(10, 2)), field('ts', timestamp(3)), field('ratio', DOUBLE), field('ok', BOOLEAN),
]);

const rows: Value[][] = [
  [9007199254740993n, 'plain', 1100n, Date.UTC(2020, 3, 15, 8, 5), 0.5, true],
  [2n, 'with, comma "and" quote\nand newline', -5n, Date.UTC(2020, 3, 15, 8, 5, 1, 500), 1e21, false],
  [null, null, null, null, null, null],
];

function batchOf(s: Schema, data: Value[][]) {
  return makeBatch(s, s.fields.map((_, c) => data.map((r) => r[c]!)), data.length);
}

function registry(dir: string) {
  return createConnectorRegistry({ baseDirectory: dir, printLine: () => undefined, inProcessTables: new Map() });
}

function visibleFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith('.')) : [];
}

test('filesystem sink writes to a hidden in-progress file until finish, then publishes part-<uuid>-0.json', async () => {
  const dir = tempDirectory();
  const sink = registry(dir).createSink(descriptor('out', 'filesystem', results, { path: 'out', format: 'json' }));
  const metrics = new TableMetrics('out');
  await sink.open({ metrics });
  await sink.write(batchOf(results, rows.slice(0, 1)), undefined);
  const outDir = path.join(dir, 'out');
  assert.deepEqual(visibleFiles(outDir), []);
  const hidden = fs.readdirSync(outDir);
  assert.equal(hidden.length, 1);
  assert.match(hidden[0]!, /^\.part-[0-9a-f-]{36}-0\.inprogress$/);
  await sink.finish();
  const visible = visibleFiles(outDir);
  assert.equal(visible.length, 1);
  assert.match(visible[0]!, /^part-[0-9a-f-]{36}-0\.json$/);
  assert.equal(fs.readdirSync(outDir).length, 1);
  assert.equal(
    fs.readFileSync(path.join(outDir, visible[0]!), 'utf8'),
    '{"id":9007199254740993,"name":"plain","total":11.00,"ts":"2020-04-15 08:05:00","ratio":0.5,"ok":true}\n',
  );
  assert.equal(metrics.recordsWritten, 1);
});

test('abort leaves nothing visible and removes the in-progress file', async () => {
  const dir = tempDirectory();
  const sink = registry(dir).createSink(descriptor('out', 'filesystem', results, { path: 'out', format: 'csv' }));
  await sink.open({ metrics: new TableMetrics('out') });
  await sink.write(batchOf(results, rows), undefined);
  await sink.abort();
  assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), []);
});

for (const format of ['json', 'csv']) {
  test(`round trip through the ${format} sink and source keeps values exact`, async () => {
    const dir = tempDirectory();
    const sink = registry(dir).createSink(descriptor('out', 'filesystem', results, { path: 'out', format }));
    await sink.open({ metrics: new TableMetrics('out') });
    await sink.write(batchOf(results, rows.slice(0, 2)), new Uint8Array([RowKind.Insert, RowKind.Insert]));
    await sink.write(batchOf(results, rows.slice(2)), undefined);
    await sink.finish();
    const read = await drain(registry(dir).createSource(descriptor('out', 'filesystem', results, { path: 'out', format })), results);
    const expected = format === 'csv' ? rows.map((r, i) => (i === 2 ? [null, '', null, null, null, null] : r)) : rows;
    assert.deepEqual(read.rows, expected);
  });
}

test('csv sink quotes only when needed', async () => {
  const dir = tempDirectory();
  const s = schema([field('a', STRING), field('b', decimal(5, 1)), field('c', STRING)]);
  const sink = registry(dir).createSink(descriptor('out', 'filesystem', s, { path: 'out', format: 'csv' }));
  await sink.open({ metrics: new TableMetrics('out') });
  await sink.write(batchOf(s, [['x', 15n, 'a"b'], [null, null, 'c,d']]), undefined);
  await sink.finish();
  const [file] = visibleFiles(path.join(dir, 'out'));
  assert.match(file!, /\.csv$/);
  assert.equal(fs.readFileSync(path.join(dir, 'out', file!), 'utf8'), 'x,1.5,"a""b"\n,,"c,d"\n');
});

test('filesystem sink rejects updates', async () => {
  const dir = tempDirectory();
  const sink = registry(dir).createSink(descriptor('totals', 'filesystem', results, { path: 'out', format: 'json' }));
  await sink.open({ metrics: new TableMetrics('totals') });
  await assert.rejects(
    sink.write(batchOf(results, rows.slice(0, 2)), new Uint8Array([RowKind.Insert, RowKind.UpdateBefore])),
    (error: unknown) => error instanceof ConnectorError && error.message.startsWith("filesystem sink 'totals' cannot write updates (-U/+U/-D);"),
  );
  await sink.abort();
  assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), []);
});

test('finish without rows publishes nothing', async () => {
  const dir = tempDirectory();
  const sink = registry(dir).createSink(descriptor('out', 'filesystem', results, { path: 'out', format: 'json' }));
  await sink.open({ metrics: new TableMetrics('out') });
  await sink.finish();
  assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), []);
});
