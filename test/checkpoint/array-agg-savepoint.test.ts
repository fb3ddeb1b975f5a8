/**
 * ARRAY_AGG's state (the held elements) survives a savepoint on the SQLite state backend: a windowed job stopped
 * mid-stream and resumed writes exactly the arrays an uninterrupted run writes, elements in arrival order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine } from '../../src/index.js';
import { job, windowRows } from '../support/job-output.js';

const EVENTS = 20_000;

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-array-agg-'));
  const lines: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 100).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(JSON.stringify({ user_id: `u${i % 5}`, amount: i % 7 === 0 ? null : i % 10, ts }));
  }
  writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  return dir;
}

const DDL = `
SET 'execution.checkpointing.interval' = '20 ms';
SET 'pipeline.name' = 'arrays';
SET 'state.backend' = 'sqlite';
CREATE TABLE events (user_id STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
CREATE TABLE windows (user_id STRING, window_start TIMESTAMP(3), amounts STRING)
  WITH ('connector' = 'filesystem', 'path' = 'windows', 'format' = 'csv');`;

const INSERT = `INSERT INTO windows SELECT user_id, window_start, CAST(ARRAY_AGG(amount) AS STRING)
  FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY user_id, window_start, window_end`;

async function engineFor(dir: string, config: Record<string, string> = {}): Promise<Engine> {
  const engine = new Engine({ baseDirectory: dir, config });
  await engine.execute(DDL);
  return engine;
}

test('ARRAY_AGG in a TUMBLE window: stopped with a savepoint mid-stream and resumed, every array exactly as uninterrupted', async () => {
  const reference = workdir();
  await job(await (await engineFor(reference, { 'pipeline.name': 'reference' })).execute(INSERT)).done();
  const expected = windowRows(reference);
  assert.equal(expected.length, 5 * (EVENTS / 100));
  assert.ok(expected.some((row) => row.includes('NULL')), 'NULL elements are kept');

  const dir = workdir();
  const engine = await engineFor(dir, { 'sluice.batch-size': '10' });
  const running = job(await engine.execute(INSERT));
  while (running.counters()[0]!.recordsRead < 500) await sleep(1);
  const [savepoint] = await engine.savepointJob('arrays', { stop: true });
  assert.ok(savepoint);
  const stopped = await running.done().catch((error: unknown) => error);
  assert.ok(!(stopped instanceof Error) || /cancel/i.test(stopped.message));
  assert.ok(windowRows(dir).length < expected.length, 'stopped early');

  const resumed = await engineFor(dir, { 'execution.state-recovery.path': savepoint! });
  const summary = await job(await resumed.execute(INSERT)).done();
  assert.equal(summary.checkpoints?.restoredFrom?.kind, 'savepoint');
  assert.ok(summary.recordsIn < EVENTS, `resumed mid-stream (${summary.recordsIn} records read)`);
  assert.deepEqual(windowRows(dir), expected);
});
