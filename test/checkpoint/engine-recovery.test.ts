/**
 * Checkpoints through the embedded API: stop a job with a savepoint mid-stream and resume it from there (the output
 * equals an uninterrupted run's, exactly once); a finished job is not run again; --fresh starts over; a changed query
 * whose state has no place is refused, naming the operator, unless state may be dropped; restorePreview says what
 * would happen; a job name runs once at a time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Engine } from '../../src/index.js';
import { job, windowRows } from '../support/job-output.js';

const EVENTS = 20_000; // enough that a job stopped after 500 of them is still running when its savepoint is taken

function workdir(events = EVENTS): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-recovery-'));
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 100).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(JSON.stringify({ id: i, user_id: `u${i % 5}`, amount: i % 10, ts }));
  }
  writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  return dir;
}

const DDL = `
SET 'execution.checkpointing.interval' = '20 ms';
SET 'pipeline.name' = 'per-user';
SET 'sluice.batch-size' = '50';
CREATE TABLE events (id BIGINT, user_id STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
CREATE TABLE windows (user_id STRING, window_start TIMESTAMP(3), clicks BIGINT, total BIGINT)
  WITH ('connector' = 'filesystem', 'path' = 'windows', 'format' = 'csv');
CREATE TABLE totals (user_id STRING, clicks BIGINT, total BIGINT, PRIMARY KEY (user_id) NOT ENFORCED)
  WITH ('connector' = 'sqlite', 'path' = 'totals.db');`;

const WINDOWED = (size: string): string => `INSERT INTO windows SELECT user_id, window_start, COUNT(*), SUM(CAST(amount AS BIGINT))
  FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '${size}' SECOND)) GROUP BY user_id, window_start, window_end`;

async function engineFor(dir: string, config: Record<string, string> = {}): Promise<Engine> {
  const engine = new Engine({ baseDirectory: dir, config });
  await engine.execute(DDL);
  return engine;
}

test('stop with a savepoint mid-stream, resume from it: every window exactly once', async () => {
  const reference = workdir();
  await job(await (await engineFor(reference, { 'pipeline.name': 'reference' })).execute(WINDOWED('10'))).done();
  const expected = windowRows(reference);
  assert.equal(expected.length, 5 * (EVENTS / 100)); // 10-second windows of events 100 ms apart, per user

  const dir = workdir();
  const engine = await engineFor(dir, { 'sluice.batch-size': '10' });
  const running = job(await engine.execute(WINDOWED('10')));
  while (running.counters()[0]!.recordsRead < 500) await sleep(1);
  const [savepoint] = await engine.savepointJob('per-user', { stop: true });
  assert.ok(savepoint);
  const stopped = await running.done().catch((error: unknown) => error);
  assert.ok(!(stopped instanceof Error) || /cancel/i.test(stopped.message));
  const partial = windowRows(dir);
  assert.ok(partial.length < expected.length, `stopped early (${partial.length} rows)`);

  const resumed = await engineFor(dir, { 'execution.state-recovery.path': savepoint! });
  const summary = await job(await resumed.execute(WINDOWED('10'))).done();
  assert.equal(summary.checkpoints?.restoredFrom?.kind, 'savepoint');
  assert.ok(summary.recordsIn < EVENTS, `resumed mid-stream (${summary.recordsIn} records read)`);
  assert.deepEqual(windowRows(dir), expected);
});

test('an unbounded GROUP BY into the sqlite sink resumes from its checkpoint and upserts exactly once', async () => {
  // Enough events that the job is still running well after its first checkpoints (every 20 ms) when it is cancelled.
  const events = 40_000;
  const dir = workdir(events);
  const first = await engineFor(dir);
  const running = job(await first.execute('INSERT INTO totals SELECT user_id, COUNT(*), SUM(CAST(amount AS BIGINT)) FROM events GROUP BY user_id'));
  while (running.counters()[0]!.recordsRead < 10_000) await sleep(1);
  await running.cancel();
  const again = await engineFor(dir);
  const summary = await job(await again.execute('INSERT INTO totals SELECT user_id, COUNT(*), SUM(CAST(amount AS BIGINT)) FROM events GROUP BY user_id')).done();
  assert.equal(summary.checkpoints?.restoredFrom?.kind, 'checkpoint');
  const db = new Database(join(dir, 'totals.db'), { readonly: true });
  const rows = db.prepare('SELECT user_id, clicks, total FROM totals ORDER BY user_id').all();
  db.close();
  assert.deepEqual(rows, [0, 1, 2, 3, 4].map((u) => ({ user_id: `u${u}`, clicks: events / 5, total: (events / 10) * (2 * u + 5) })));
});

test('a finished job is not run again; --fresh runs it again from the start', async () => {
  const dir = workdir();
  await job(await (await engineFor(dir)).execute(WINDOWED('10'))).done();
  const again = await job(await (await engineFor(dir)).execute(WINDOWED('10'))).done();
  assert.equal(again.checkpoints?.alreadyFinished, true);
  assert.equal(again.recordsIn, 0);
  assert.equal(windowRows(dir).length, 5 * (EVENTS / 100));
  const fresh = await job(await (await engineFor(dir, { 'sluice.checkpointing.fresh': 'true' })).execute(WINDOWED('10'))).done();
  assert.equal(fresh.recordsIn, EVENTS);
  assert.equal(windowRows(dir).length, 2 * 5 * (EVENTS / 100), 'a fresh run writes everything again');
});

test('a changed window is refused, naming the operator and the change; allowed, it starts that operator empty', async () => {
  const dir = workdir();
  const engine = await engineFor(dir);
  const running = job(await engine.execute(WINDOWED('10')));
  while (running.counters()[0]!.recordsRead < 500) await sleep(1);
  const [savepoint] = await engine.savepointJob('per-user', { stop: true });
  await running.done().catch(() => undefined);

  const changed = await engineFor(dir, { 'execution.state-recovery.path': savepoint! });
  await assert.rejects(changed.execute(WINDOWED('20')), (error: Error) => {
    assert.match(error.message, /Cannot restore job 'per-user' from savepoint \d+: state of an operator has no place in the changed query/);
    assert.match(error.message, /WindowAggregate#\d+ \(window-aggregate-[0-9a-f]+\): the job's WindowAggregate#\d+ differs: spec\.window\.size: 10000 → 20000/);
    return true;
  });
  const preview = changed.restorePreview(WINDOWED('20'));
  assert.match(preview.source ?? '', /^savepoint \d+ in /);
  assert.deepEqual(preview.decisions.map((d) => d.action).sort(), ['dropped', 'empty', 'restored', 'restored', 'restored']);

  const allowed = await engineFor(dir, { 'execution.state-recovery.path': savepoint!, 'execution.state-recovery.ignore-unclaimed-state': 'true' });
  const summary = await job(await allowed.execute(WINDOWED('20'))).done();
  assert.equal(summary.status, 'finished');
});

test('a job name runs once at a time', async () => {
  const dir = workdir();
  const engine = await engineFor(dir, { 'sluice.batch-size': '5' });
  const first = job(await engine.execute(WINDOWED('10')));
  await assert.rejects(engine.execute(WINDOWED('10')), /Job 'per-user' is already running/);
  await first.done();
});
