/**
 * User-defined scalar functions inside a stateful operator's specification, across a restart: a regular join whose
 * condition calls a function, stopped mid-stream with a savepoint and resumed in a new Engine that registers the same
 * function (its runtime id differs) gives the rows of an uninterrupted run — the join kept its identity, because a
 * user-defined function is identified by its name and types, as a user-defined aggregate. The same name registered
 * with another result type is another function: the savepoint's join state has no place, and the run is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine, type ScalarFunctionDefinition } from '../../src/index.js';
import { job } from '../support/job-output.js';

const EVENTS = 12_000; // enough that a job stopped partway is still running when its savepoint is taken

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-udf-recovery-'));
  const events: string[] = [];
  for (let i = 0; i < EVENTS; i++) events.push(JSON.stringify({ id: i, user_id: `u${i % 5}`, amount: i % 10 }));
  writeFileSync(join(dir, 'events.jsonl'), events.join('\n') + '\n');
  const labels: string[] = [];
  for (let u = 0; u < 5; u++) for (let bucket = 0; bucket < 3; bucket++) labels.push(JSON.stringify({ user_id: `u${u}`, bucket, label: `u${u}-b${bucket}` }));
  writeFileSync(join(dir, 'labels.jsonl'), labels.join('\n') + '\n');
  return dir;
}

const DDL = `
SET 'execution.checkpointing.interval' = '20 ms';
SET 'sluice.batch-size' = '20';
CREATE TABLE labels (user_id STRING, bucket BIGINT, label STRING) WITH ('connector' = 'filesystem', 'path' = 'labels.jsonl', 'format' = 'json');
CREATE TABLE events (id BIGINT, user_id STRING, amount BIGINT) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
CREATE TABLE labelled (id BIGINT, label STRING) WITH ('connector' = 'filesystem', 'path' = 'labelled', 'format' = 'csv');`;

// Labels first: they are all in the join's state when the savepoint is taken, and their source is then at its end.
const JOIN = 'INSERT INTO labelled SELECT e.id, l.label FROM labels l JOIN events e ON e.user_id = l.user_id AND bucket(e.amount) = l.bucket';

const BUCKET: ScalarFunctionDefinition = { parameters: ['BIGINT'], returns: 'BIGINT', eval: (amount) => (amount === null ? null : (amount as bigint) % 3n) };

async function engineFor(dir: string, config: Record<string, string>, bucket = BUCKET): Promise<Engine> {
  const engine = new Engine({ baseDirectory: dir, config, printLine: () => {} });
  engine.registerFunction('bucket', bucket);
  await engine.execute(DDL);
  return engine;
}

function outputRows(dir: string): string[] {
  const out = join(dir, 'labelled');
  return readdirSync(out).filter((f) => !f.startsWith('.')).flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean)).sort();
}

/** Starts the join, stops it with a savepoint once `after` events are read, and returns the savepoint's path. */
async function stopMidway(dir: string, config: Record<string, string>, after: number): Promise<string> {
  const engine = await engineFor(dir, config);
  const running = job(await engine.execute(JOIN));
  const eventsRead = (): number => running.counters().find((c) => c.table.includes('events'))?.recordsRead ?? 0;
  while (eventsRead() < after) await sleep(1);
  const [savepoint] = await engine.savepointJob(config['pipeline.name']!, { stop: true });
  assert.ok(savepoint);
  await running.done().catch(() => undefined);
  await engine.close();
  return savepoint;
}

for (const backend of ['memory', 'sqlite']) {
  test(`a join whose condition calls a user-defined function resumes from a savepoint in a new engine, exactly once (${backend} state)`, async () => {
    const dirs: string[] = [];
    try {
      const reference = workdir();
      dirs.push(reference);
      const plain = await engineFor(reference, { 'state.backend': backend, 'pipeline.name': 'reference' });
      await job(await plain.execute(JOIN)).done();
      await plain.close();
      const expected = outputRows(reference);
      assert.equal(expected.length, EVENTS); // every event has exactly one label
      assert.equal(expected[0], '0,u0-b0');

      const dir = workdir();
      dirs.push(dir);
      const config = { 'state.backend': backend, 'pipeline.name': 'udf-join' };
      const savepoint = await stopMidway(dir, config, 600);
      const resumed = await engineFor(dir, { ...config, 'execution.state-recovery.path': savepoint });
      const joins = resumed.restorePreview(JOIN).decisions.filter((d) => d.operator.startsWith('Join'));
      assert.deepEqual(joins.map((d) => d.action), ['restored']);
      const summary = await job(await resumed.execute(JOIN)).done();
      await resumed.close();
      assert.equal(summary.checkpoints?.restoredFrom?.kind, 'savepoint');
      assert.ok(summary.recordsIn < EVENTS, `resumed mid-stream (${summary.recordsIn} records read)`);
      // The labels were read before the savepoint: the resumed join knows them only from its restored state.
      assert.deepEqual(outputRows(dir), expected);
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the same function name with another result type is another function: the join state is not restored into it', async () => {
  const dir = workdir();
  try {
    const config = { 'pipeline.name': 'udf-retyped' };
    const savepoint = await stopMidway(dir, config, 300);
    const retyped: ScalarFunctionDefinition = { parameters: ['BIGINT'], returns: 'INT', eval: (amount) => (amount === null ? null : Number((amount as bigint) % 3n)) };
    const engine = await engineFor(dir, { ...config, 'execution.state-recovery.path': savepoint }, retyped);
    try {
      const decisions = engine.restorePreview(JOIN).decisions.filter((d) => d.operator.startsWith('Join'));
      assert.deepEqual(decisions.map((d) => d.action).sort(), ['dropped', 'empty']);
      await assert.rejects(engine.execute(JOIN), (error: Error) => {
        assert.match(error.message, /Cannot restore job 'udf-retyped' from savepoint \d+: state of an operator has no place in the changed query/);
        assert.match(error.message, /Join#\d+ \(join-[0-9a-f]{12}\): the job's Join#\d+ differs: spec\./);
        assert.match(error.message, /BUCKET/);
        return true;
      });
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
