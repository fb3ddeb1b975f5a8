/**
 * Nothing grows forever by accident: a long windowed job keeps only its open windows in state. Sampled from the
 * job database while it runs (checkpointed, SQLite state), the number of state entries stays flat — bounded by the
 * keys times the windows the watermark keeps open, not by the length of the stream — and ends at zero.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Engine, type JobHandle, type StatementResult } from '../../src/index.js';

const EVENTS = 60_000;
const USERS = 5;

test('window state stays flat over a long stream and is empty at the end', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-state-size-'));
  const lines: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 10).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(`{"user_id":"u${i % USERS}","ts":"${ts}"}`);
  }
  writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  const engine = new Engine({ baseDirectory: dir, config: { 'state.backend': 'sqlite', 'execution.checkpointing.interval': '10 ms', 'pipeline.name': 'flat', 'sluice.batch-size': '200' } });
  let result: StatementResult | undefined;
  for await (const step of engine.executeScript(`
    CREATE TABLE events (user_id STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
      WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
    CREATE TABLE counts (user_id STRING, window_start TIMESTAMP(3), n BIGINT) WITH ('connector' = 'blackhole');
    INSERT INTO counts SELECT user_id, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND))
      GROUP BY user_id, window_start, window_end;`)) result = step.result;
  const job = (result as { kind: 'job'; job: JobHandle }).job;
  const file = join(dir, '.sluice', 'state', 'flat', 'job.db');
  const samples: number[] = [];
  const finished = job.done();
  let done = false;
  void finished.then(() => (done = true), () => (done = true));
  while (!done) {
    if (existsSync(file)) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      samples.push(db.prepare("SELECT COUNT(*) FROM state WHERE name LIKE '%/windows'").pluck().get() as number);
      db.close();
    }
    await sleep(5);
  }
  const summary = await finished;
  assert.equal(summary.recordsIn, EVENTS);
  assert.ok(summary.checkpoints!.completed >= 5, `${summary.checkpoints!.completed} checkpoints`);
  assert.ok(samples.length >= 5, `${samples.length} samples`);
  const windows = EVENTS / 100;
  // Open windows: the current one and, with a 1 s watermark delay, one or two before it, per user.
  assert.ok(Math.max(...samples) <= USERS * 4, `at most ${USERS * 4} window entries at once (of ${USERS * windows} over the run): ${Math.max(...samples)}`);
  const db = new Database(file, { readonly: true });
  assert.equal(db.prepare('SELECT COUNT(*) FROM state').pluck().get(), 0, 'the final checkpoint holds no state');
  db.close();
});
