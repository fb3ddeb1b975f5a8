/**
 * The filesystem sink's two-phase commit on real files: prepared files stay hidden until committed, a commit is
 * idempotent, recovery commits the checkpoint's files once and deletes this job's later in-progress files — never
 * other jobs' files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIGINT } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { makeBatch } from '../../src/runtime/batch.js';
import { TableMetrics } from '../../src/runtime/metrics.js';
import { readFilesystemOptions } from '../../src/connectors/filesystem/options.js';
import { FilesystemSink } from '../../src/connectors/filesystem/sink.js';
import { descriptor, tempDirectory } from './helpers.js';

const ROWS = schema([field('n', BIGINT)]);
const rows = (...values: bigint[]): ReturnType<typeof makeBatch> => makeBatch(ROWS, [values]);

function sink(dir: string): FilesystemSink {
  return new FilesystemSink(readFilesystemOptions(descriptor('out', 'filesystem', ROWS, { path: 'out', format: 'csv' }), dir), ROWS);
}

const visible = (dir: string): string[] => readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.')).sort();
const hidden = (dir: string): string[] => readdirSync(join(dir, 'out')).filter((f) => f.startsWith('.')).sort();
const content = (dir: string): string[] => visible(dir).flatMap((f) => readFileSync(join(dir, 'out', f), 'utf8').split('\n').filter(Boolean));

test('prepared files are hidden until committed; committing twice is harmless', async () => {
  const dir = tempDirectory();
  const writer = sink(dir);
  await writer.open({ metrics: new TableMetrics('out'), checkpointing: true, jobName: 'job A' });
  await writer.write(rows(1n, 2n), undefined);
  const committable = await writer.prepareCommit(1);
  await writer.write(rows(3n), undefined);
  assert.deepEqual(visible(dir), []);
  await writer.commit(committable);
  await writer.commit(committable);
  assert.deepEqual(content(dir), ['1', '2']);
  assert.match(visible(dir)[0]!, /^part-job_A~[0-9a-f]{8}-[0-9a-f-]+-0\.csv$/);
  assert.equal((await writer.prepareCommit(2) as { files: unknown[] }).files.length, 1);
  assert.deepEqual((await writer.prepareCommit(3) as { files: unknown[] }).files, [], 'nothing written since: nothing to publish');
});

test('recovery commits the checkpoint once and removes only this job\'s later in-progress files', async () => {
  const dir = tempDirectory();
  const context = { metrics: new TableMetrics('out'), checkpointing: true, jobName: 'job' };
  const crashed = sink(dir);
  await crashed.open(context);
  await crashed.write(rows(1n), undefined);
  const checkpointed = await crashed.prepareCommit(1);
  await crashed.write(rows(2n), undefined); // after the checkpoint: must disappear
  writeFileSync(join(dir, 'out', '.part-other-x-0.inprogress'), '9\n');
  writeFileSync(join(dir, 'out', 'part-other-y-0.csv'), '8\n');

  const recovered = sink(dir);
  await recovered.open(context);
  await recovered.recover([checkpointed]);
  await recovered.recover([checkpointed]);
  assert.deepEqual(content(dir).sort(), ['1', '8']);
  assert.deepEqual(hidden(dir), ['.part-other-x-0.inprogress']);
  await assert.rejects(recovered.commit({ files: [{ inProgress: '.gone.inprogress', final: 'gone.csv' }] }), /cannot publish 'gone.csv': neither it nor its in-progress file exists/);
});

test('committables name files relative to the directory: a directory moved between prepare and commit still publishes', async () => {
  const dir = tempDirectory();
  const writer = sink(dir);
  await writer.open({ metrics: new TableMetrics('out'), checkpointing: true, jobName: 'orders/hourly' });
  await writer.write(rows(7n), undefined);
  const committable = await writer.prepareCommit(1) as { files: { inProgress: string; final: string }[] };
  assert.deepEqual(structuredClone(committable), committable);
  assert.equal(committable.files.length, 1);
  assert.match(committable.files[0]!.inProgress, /^\.part-orders_hourly~[0-9a-f]{8}-[0-9a-f-]+-0\.inprogress$/);
  assert.ok(!committable.files[0]!.final.includes('/'));
  await writer.abort();

  const moved = tempDirectory();
  renameSync(join(dir, 'out'), join(moved, 'out'));
  const recovered = sink(moved);
  await recovered.open({ metrics: new TableMetrics('out'), checkpointing: true, jobName: 'orders/hourly' });
  await recovered.recover([committable]);
  assert.deepEqual(content(moved), ['7']);
  assert.deepEqual(hidden(moved), []);
});

test('recovering with no committables (crash before the first checkpoint) only deletes this job\'s in-progress files', async () => {
  const dir = tempDirectory();
  const context = { metrics: new TableMetrics('out'), checkpointing: true, jobName: 'job' };
  const crashed = sink(dir);
  await crashed.open(context);
  await crashed.write(rows(1n), undefined);
  await crashed.prepareCommit(1); // prepared, but the checkpoint never completed
  await crashed.write(rows(2n), undefined);
  writeFileSync(join(dir, 'out', '.part-job2-x-0.inprogress'), '9\n');
  writeFileSync(join(dir, 'out', 'part-job-earlier-0.csv'), '5\n');
  const recovered = sink(dir);
  await recovered.open(context);
  await recovered.recover([]);
  assert.deepEqual(hidden(dir), ['.part-job2-x-0.inprogress']);
  assert.deepEqual(content(dir), ['5']);
});

test("jobs whose names only differ in characters a file name cannot hold never touch each other's files", async () => {
  const dir = tempDirectory();
  const spaced = sink(dir);
  await spaced.open({ metrics: new TableMetrics('out'), checkpointing: true, jobName: 'job A' });
  await spaced.write(rows(1n), undefined);
  await spaced.prepareCommit(1); // staged, in progress, not committed
  const underscored = sink(dir);
  await underscored.open({ metrics: new TableMetrics('out'), checkpointing: true, jobName: 'job_A' });
  await underscored.recover([]); // a fresh job_A recovers: it removes its own in-progress files only
  assert.equal(hidden(dir).length, 1, "job A's staged file survives job_A's recovery");
  assert.match(hidden(dir)[0]!, /^\.part-job_A~[0-9a-f]{8}-/, 'the changed name carries a hash of the raw one');
});
