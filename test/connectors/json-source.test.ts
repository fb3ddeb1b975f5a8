import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from '../../src/common/errors.js';
import { BIGINT, decimal, INT, STRING, DOUBLE, BOOLEAN, timestamp } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { createConnectorRegistry } from '../../src/connectors/index.js';
import { descriptor, drain, sourceContext, tempDirectory, writeFile } from './helpers.js';

const bids = schema([field('id', BIGINT), field('price', decimal(10, 2)), field('bidtime', timestamp(3)), field('item', STRING)]);

function registry(baseDirectory: string) {
  return createConnectorRegistry({ baseDirectory, printLine: () => undefined, inProcessTables: new Map() });
}

function jsonSource(dir: string, path: string, extra: Record<string, string> = {}, tableSchema = bids) {
  return registry(dir).createSource(descriptor('bids', 'filesystem', tableSchema, { path, format: 'json', ...extra }));
}

test('json source reads BIGINT above 2^53 and DECIMAL exactly', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'bids.json', [
    '{"id": 9007199254740993, "price": 11.005, "bidtime": "2020-04-15 08:05:00", "item": "A"}',
    '{"id": -9223372036854775808, "price": "12345678.90", "bidtime": "2020-04-15T08:07:01.5", "item": 42}',
  ].join('\n'));
  const { rows } = await drain(jsonSource(dir, 'bids.json'), bids);
  assert.deepEqual(rows, [
    [9007199254740993n, 1101n, Date.UTC(2020, 3, 15, 8, 5), 'A'],
    [-9223372036854775808n, 1234567890n, Date.UTC(2020, 3, 15, 8, 7, 1, 500), '42'],
  ]);
});

test('json source: missing fields and nulls are NULL, extra fields ignored, blank lines skipped', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'bids.json', '{"id": 1, "extra": {"a": [1, 2]}}\n\n{"id": null, "price": null, "bidtime": null, "item": null}\r\n');
  const { rows } = await drain(jsonSource(dir, 'bids.json'), bids);
  assert.deepEqual(rows, [[1n, null, null, null], [null, null, null, null]]);
});

test('json source converts INT, DOUBLE, BOOLEAN and nested values as text', async () => {
  const dir = tempDirectory();
  const s = schema([field('n', INT), field('d', DOUBLE), field('b', BOOLEAN), field('s', STRING)]);
  writeFile(dir, 'x.json', '{"n": -5, "d": 1.5e3, "b": true, "s": {"k": 12345678901234567890}}\n');
  const { rows } = await drain(jsonSource(dir, 'x.json', {}, s), s);
  assert.deepEqual(rows, [[-5, 1500, true, '{"k":12345678901234567890}']]);
});

test('json source emits batches of at most batchSize rows', async () => {
  const dir = tempDirectory();
  const lines = [1, 2, 3, 4, 5].map((i) => `{"id": ${i}}`).join('\n');
  writeFile(dir, 'bids.json', lines);
  const context = sourceContext(2);
  const { batches, rows } = await drain(jsonSource(dir, 'bids.json'), bids, context);
  assert.deepEqual(batches.map((b) => b.numRows), [2, 2, 1]);
  assert.deepEqual(rows.map((r) => r[0]), [1n, 2n, 3n, 4n, 5n]);
  assert.equal(context.metrics.recordsRead, 5);
});

test('json source reads the visible files of a directory in name order', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'data/b.json', '{"id": 2}\n');
  writeFile(dir, 'data/a.json', '{"id": 1}\n');
  writeFile(dir, 'data/.part-x-0.inprogress', '{"id": 99}\n');
  writeFile(dir, 'data/_SUCCESS', 'not json\n');
  const { rows } = await drain(jsonSource(dir, 'data'), bids);
  assert.deepEqual(rows.map((r) => r[0]), [1n, 2n]);
});

test('malformed value: error names the field with file:line:column', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'bids.json', '{"id": 1, "price": 2.00}\n{"id": 2, "price": "abc"}\n');
  await assert.rejects(drain(jsonSource(dir, 'bids.json'), bids), (error: unknown) => {
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.location, 'bids.json:2:20');
    assert.equal(error.detail, `Cannot read field 'price' as DECIMAL(10, 2): "abc" is not a number (at bids.json:2:20)`);
    return true;
  });
});

test('bad JSON syntax and bad timestamp are located precisely', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'a.json', '{"id": 1,}\n');
  await assert.rejects(drain(jsonSource(dir, 'a.json'), bids), (error: unknown) => error instanceof ConnectorError && error.location === 'a.json:1:10');
  writeFile(dir, 'b.json', '{"id": 1}\n{"bidtime": "2020-02-30 10:00:00"}\n');
  await assert.rejects(drain(jsonSource(dir, 'b.json'), bids), (error: unknown) =>
    error instanceof ConnectorError && error.location === 'b.json:2:13' && /Cannot read field 'bidtime' as TIMESTAMP\(3\)/.test(error.message));
  writeFile(dir, 'c.json', '{"id": 1.5}\n');
  await assert.rejects(drain(jsonSource(dir, 'c.json'), bids), /Cannot read field 'id' as BIGINT: 1.5 is not an integer/);
});

test('INT must fit 32 bits', async () => {
  const dir = tempDirectory();
  const s = schema([field('n', INT)]);
  writeFile(dir, 'n.json', '{"n": 2147483648}\n');
  await assert.rejects(drain(jsonSource(dir, 'n.json', {}, s), s), /2147483648 is out of range for INT/);
});

test("'json.ignore-parse-errors' skips malformed lines and counts them", async () => {
  const dir = tempDirectory();
  writeFile(dir, 'bids.json', '{"id": 1}\nnot json\n{"id": "x"}\n{"id": 4}\n');
  const context = sourceContext();
  const { rows } = await drain(jsonSource(dir, 'bids.json', { 'json.ignore-parse-errors': 'true' }), bids, context);
  assert.deepEqual(rows.map((r) => r[0]), [1n, 4n]);
  assert.equal(context.metrics.malformedRecords, 2);
  assert.equal(context.metrics.recordsRead, 2);
});

test("'json.fail-on-missing-field' makes a missing field an error", async () => {
  const dir = tempDirectory();
  writeFile(dir, 'bids.json', '{"id": 1, "price": 1, "bidtime": null}\n');
  await assert.rejects(drain(jsonSource(dir, 'bids.json', { 'json.fail-on-missing-field': 'true' }), bids), /Missing field 'item'.*bids\.json:1:1/);
});

test('a missing path fails with a clear error', async () => {
  const dir = tempDirectory();
  await assert.rejects(drain(jsonSource(dir, 'nope.json'), bids), /Table 'bids': cannot read 'nope.json': no such file or directory/);
});

test('aborting stops the source', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'bids.json', Array.from({ length: 100 }, (_, i) => `{"id": ${i}}`).join('\n'));
  const controller = new AbortController();
  const context = sourceContext(10, controller.signal);
  let batches = 0;
  for await (const _ of jsonSource(dir, 'bids.json').read(context)) {
    batches++;
    controller.abort();
  }
  assert.equal(batches, 1);
});
