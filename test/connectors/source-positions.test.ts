/**
 * Resumable sources: for every cut between batches, the rows read up to the cut plus the rows a new reader yields
 * from the position taken there equal the rows of one uninterrupted read — for files (with malformed records
 * skipped, several files), datagen (random fields, seeded or not) and in-process rows. A position is taken after
 * the last batch handed out, even while the reader is building the next one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Value } from '../../src/common/values.js';
import { BIGINT, INT, STRING } from '../../src/common/types.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { batchRows } from '../../src/runtime/batch.js';
import type { SourcePosition, SourceReader } from '../../src/runtime/connector.js';
import { FilesystemSource } from '../../src/connectors/filesystem/source.js';
import { readFilesystemOptions } from '../../src/connectors/filesystem/options.js';
import { DatagenSource } from '../../src/connectors/datagen/source.js';
import { readDatagenOptions } from '../../src/connectors/datagen/options.js';
import { InProcessSourceReader } from '../../src/connectors/in-process/source.js';
import { descriptor, sourceContext, tempDirectory, writeFile } from './helpers.js';
import { batchOf } from '../../src/runtime/connector.js';

const ROWS = schema([field('id', BIGINT), field('name', STRING)]);

/** Reads to the end: rows per batch and the position after each batch. */
async function readAll(reader: SourceReader, rowSchema: Schema, start?: SourcePosition): Promise<{ batches: Value[][][]; positions: SourcePosition[] }> {
  const batches: Value[][][] = [];
  const positions: SourcePosition[] = [];
  const context = { ...sourceContext(3), ...(start === undefined ? {} : { startPosition: start }) };
  for await (const batch of reader.read(context)) {
    batches.push(batchRows(batchOf(batch), rowSchema));
    positions.push(structuredClone(reader.snapshotPosition!()));
  }
  return { batches, positions };
}

async function checkEveryCut(create: () => SourceReader, rowSchema: Schema): Promise<number> {
  const whole = await readAll(create(), rowSchema);
  const all = whole.batches.flat();
  assert.ok(whole.batches.length > 2, 'several batches');
  for (let cut = 0; cut < whole.batches.length; cut++) {
    const resumed = await readAll(create(), rowSchema, whole.positions[cut]);
    assert.deepEqual([...whole.batches.slice(0, cut + 1).flat(), ...resumed.batches.flat()], all, `cut after batch ${cut}`);
  }
  return all.length;
}

test('files: every cut resumes exactly, across files and past malformed records', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'in/a.json', ['{"id":1,"name":"a"}', 'not json', '{"id":2,"name":"b"}', '{"id":3,"name":"c"}'].join('\n'));
  writeFile(dir, 'in/b.json', ['{"id":4,"name":"d"}', '{"id":5,"name":"e"}', '{oops', '{"id":6,"name":"f"}', '{"id":7,"name":"g"}'].join('\n'));
  const options = readFilesystemOptions(descriptor('t', 'filesystem', ROWS, { path: 'in', format: 'json', 'json.ignore-parse-errors': 'true' }), dir);
  const rows = await checkEveryCut(() => new FilesystemSource(options, ROWS), ROWS);
  assert.equal(rows, 7);
});

test('files: a position in a file that is gone is a clear error', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'one.json', '{"id":1,"name":"a"}\n');
  const options = readFilesystemOptions(descriptor('t', 'filesystem', ROWS, { path: 'one.json', format: 'json' }), dir);
  const reader = new FilesystemSource(options, ROWS);
  await assert.rejects(readAll(reader, ROWS, { fileIndex: 0, file: 'other.json', records: 3 }), /Table 't': cannot resume at record 3 of 'other.json': the file is gone/);
});

test('files: the position is the last batch handed out, not what the reader has read ahead', async () => {
  const dir = tempDirectory();
  writeFile(dir, 'in.json', Array.from({ length: 10 }, (_, i) => `{"id":${i},"name":"n"}`).join('\n'));
  const reader = new FilesystemSource(readFilesystemOptions(descriptor('t', 'filesystem', ROWS, { path: 'in.json', format: 'json' }), dir), ROWS);
  const iterator = reader.read(sourceContext(3))[Symbol.asyncIterator]();
  await iterator.next();
  const pending = iterator.next(); // the reader now builds the second batch
  assert.deepEqual(reader.snapshotPosition!(), { fileIndex: 0, file: 'in.json', records: 3 });
  await pending;
  assert.deepEqual(reader.snapshotPosition!(), { fileIndex: 0, file: 'in.json', records: 6 });
  await iterator.return?.();
});

for (const seed of ['42', undefined]) {
  test(`datagen${seed ? ' with a seed' : ' without a seed'}: the resumed stream continues the same values`, async () => {
    const rowSchema = schema([field('id', BIGINT), field('n', INT), field('s', STRING)]);
    const options = readDatagenOptions(
      descriptor('g', 'datagen', rowSchema, {
        'number-of-rows': '20', 'rows-per-second': '1000000', ...(seed ? { seed } : {}),
        'fields.id.kind': 'sequence', 'fields.id.start': '1', 'fields.id.end': '20', 'fields.n.min': '0', 'fields.n.max': '1000000',
      }),
    );
    const source = new DatagenSource(rowSchema, options);
    const whole = await readAll(source, rowSchema);
    for (const cut of [0, 2, whole.batches.length - 2]) {
      const resumed = await readAll(source, rowSchema, whole.positions[cut]);
      assert.deepEqual([...whole.batches.slice(0, cut + 1).flat(), ...resumed.batches.flat()], whole.batches.flat());
    }
  });
}

test('in-process rows: every cut resumes exactly', async () => {
  const rows = Array.from({ length: 11 }, (_, i) => ({ id: i, name: `r${i}` }));
  const count = await checkEveryCut(() => new InProcessSourceReader('t', ROWS, { rows }), ROWS);
  assert.equal(count, 11);
});
