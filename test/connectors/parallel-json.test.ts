/**
 * JSON lines decoded on a worker thread (`'sluice.source.parallel-decode'`): the same rows, in the same order, with
 * the same errors (file:line:column) and counts as the serial reader, over files of several chunks, directories,
 * CRLF, a BOM and blank lines; and positions a restored (serial) read resumes from without loss or duplicates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, decimal, rowType, STRING, arrayType, timestamp } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { createConnectorRegistry } from '../../src/connectors/index.js';
import { batchRows } from '../../src/runtime/batch.js';
import { batchOf, type SourcePosition } from '../../src/runtime/connector.js';
import { descriptor, sourceContext, tempDirectory, writeFile } from './helpers.js';
import type { Value } from '../../src/common/values.js';
import { join } from 'node:path';
import { ParallelJsonReader } from '../../src/connectors/filesystem/parallel-json-reader.js';

const rows = schema([
  field('id', BIGINT), field('price', decimal(10, 2)), field('t', timestamp(3)), field('name', STRING),
  field('p', rowType([{ name: 'x', type: BIGINT }, { name: 'tags', type: arrayType(STRING) }])),
]);

/** Ids above 2^53 (exact only through the lossless path), multi-byte text, nested values. */
function line(i: number): string {
  const id = (9007199254740000n + BigInt(i)).toString();
  return JSON.stringify({ id: 'ID', price: `${i}.5`, t: `2020-04-15 08:00:${String(i % 60).padStart(2, '0')}`, name: `n${i}-ü日本😀`, p: { x: i, tags: [`a${i}`] } })
    .replace('"ID"', id);
}

function source(dir: string, path: string, extra: Record<string, string> = {}) {
  const registry = createConnectorRegistry({ baseDirectory: dir, printLine: () => undefined, inProcessTables: new Map() });
  return registry.createSource(descriptor('events', 'filesystem', rows, { path, format: 'json', ...extra }));
}

async function readAll(dir: string, path: string, parallelDecode: 'on' | 'off', extra: Record<string, string> = {}, start?: SourcePosition, stopAfter?: number) {
  const reader = source(dir, path, extra);
  const controller = new AbortController();
  const context = { ...sourceContext(500, controller.signal), parallelDecode, ...(start === undefined ? {} : { startPosition: start }) };
  const out: Value[][] = [];
  let batches = 0;
  let position: SourcePosition | undefined;
  for await (const item of reader.read(context)) {
    out.push(...batchRows(batchOf(item), rows));
    position = structuredClone(reader.snapshotPosition!());
    if (stopAfter !== undefined && ++batches >= stopAfter) break;
  }
  return { rows: out, metrics: context.metrics, position };
}

test('parallel decoding gives the serial rows, in order, over several chunks and files', async () => {
  const dir = tempDirectory();
  const big = Array.from({ length: 30_000 }, (_, i) => line(i)); // ~4 MB: several 1 MiB chunks
  writeFile(dir, 'in/a.json', `\uFEFF${big.slice(0, 20_000).join('\r\n')}\r\n\n`);
  writeFile(dir, 'in/b.json', big.slice(20_000).join('\n'));
  const serial = await readAll(dir, 'in', 'off');
  const parallel = await readAll(dir, 'in', 'on');
  assert.equal(serial.rows.length, 30_000);
  assert.deepEqual(parallel.rows, serial.rows);
  assert.equal(parallel.rows[29_999]![0], 9007199254769999n);
  assert.equal(parallel.metrics.recordsRead, 30_000);
});

test('a malformed line fails with the serial message and place, or is skipped and counted', async () => {
  const dir = tempDirectory();
  const lines = Array.from({ length: 12_000 }, (_, i) => line(i));
  lines[9_000] = '{"id": 1, "price": "abc"}';
  lines[11_000] = '{"id": ';
  writeFile(dir, 'bad.json', lines.join('\n'));
  const failure = async (mode: 'on' | 'off') => {
    try {
      await readAll(dir, 'bad.json', mode);
    } catch (error) {
      return (error as Error).message;
    }
    return 'no error';
  };
  const serialMessage = await failure('off');
  assert.match(serialMessage, /bad\.json:9001:/);
  assert.equal(await failure('on'), serialMessage);
  const skipped = await readAll(dir, 'bad.json', 'on', { 'json.ignore-parse-errors': 'true' });
  const skippedSerial = await readAll(dir, 'bad.json', 'off', { 'json.ignore-parse-errors': 'true' });
  assert.deepEqual(skipped.rows, skippedSerial.rows);
  assert.equal(skipped.metrics.malformedRecords, 2);
});

test('a read restored from a parallel read position resumes after the rows already read', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'in.json', Array.from({ length: 25_000 }, (_, i) => line(i)).join('\n'));
  const first = await readAll(dir, 'in.json', 'on', {}, undefined, 7);
  assert.ok(first.rows.length > 0 && first.rows.length < 25_000);
  const rest = await readAll(dir, 'in.json', 'on', {}, first.position);
  const ids = [...first.rows, ...rest.rows].map((r) => r[0]);
  assert.equal(ids.length, 25_000);
  assert.equal(new Set(ids).size, 25_000);
});

test('three decoding threads over plain lines: the serial rows, and an error in a later chunk at its file line', async () => {
  const dir = tempDirectory();
  const plain = (i: number) => JSON.stringify({ id: i, price: `${i}.25`, t: `2020-04-15 08:00:${String(i % 60).padStart(2, '0')}.123`, name: `n${i}`, p: { x: i, tags: [`a${i}`] } });
  const lines = Array.from({ length: 40_000 }, (_, i) => plain(i)); // ~5 MB: chunks spread over the threads
  writeFile(dir, 'plain.json', lines.join('\n'));
  const read = async (path: string, decodeThreads: number) => {
    const reader = source(dir, path);
    const context = { ...sourceContext(500), parallelDecode: 'on' as const, decodeThreads };
    const out: Value[][] = [];
    for await (const item of reader.read(context)) out.push(...batchRows(batchOf(item), rows));
    return out;
  };
  const serial = await readAll(dir, 'plain.json', 'off');
  assert.deepEqual(await read('plain.json', 3), serial.rows);
  lines[33_333] = '{"id": 1, "t": "not a time"}';
  writeFile(dir, 'bad.json', lines.join('\n'));
  const message = async (threads: number) => read('bad.json', threads).then(() => 'no error', (error: Error) => error.message);
  const expected = await readAll(dir, 'bad.json', 'off').then(() => 'no error', (error: Error) => error.message);
  assert.match(expected, /bad\.json:33334:/);
  assert.equal(await message(3), expected);
});

test("the reader's own thread decodes chunks while the worker is busy: the serial rows, in order, errors at their line", async () => {
  const dir = tempDirectory();
  const plain = (i: number) => JSON.stringify({ id: i, price: `${i}.25`, t: `2020-04-15 08:00:${String(i % 60).padStart(2, '0')}`, name: `n${i}`, p: { x: i, tags: [] } });
  const lines = Array.from({ length: 60_000 }, (_, i) => plain(i)); // ~6 MB
  writeFile(dir, 'many.json', lines.join('\n'));
  const serial = await readAll(dir, 'many.json', 'off');
  const reader = new ParallelJsonReader(rows, { ignoreParseErrors: false, failOnMissingField: false }, 500, 1, () => undefined);
  const out: Value[][] = [];
  try {
    for await (const { batch } of reader.batches(join(dir, 'many.json'), 'many.json', new AbortController().signal)) out.push(...batchRows(batch, rows));
  } finally {
    await reader.close();
  }
  assert.deepEqual(out, serial.rows);
  // The worker thread takes far longer to start than this thread takes to decode a chunk, so this thread helps.
  assert.ok(reader.localChunks > 0, 'expected chunks decoded on the reader thread');

  lines[45_000] = '{"id": 1, "t": "not a time"}';
  writeFile(dir, 'bad-late.json', lines.join('\n'));
  const expected = await readAll(dir, 'bad-late.json', 'off').then(() => 'no error', (error: Error) => error.message);
  const helped = new ParallelJsonReader(rows, { ignoreParseErrors: false, failOnMissingField: false }, 500, 1, () => undefined);
  const actual = await (async () => {
    for await (const _ of helped.batches(join(dir, 'bad-late.json'), 'bad-late.json', new AbortController().signal)) { /* read on */ }
    return 'no error';
  })().catch((error: Error) => error.message).finally(() => helped.close());
  assert.match(expected, /bad-late\.json:45001:/);
  assert.equal(actual, expected);
});
