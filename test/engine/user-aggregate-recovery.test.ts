/**
 * User-defined aggregates across a restart: a window aggregation and an unbounded GROUP BY stopped mid-stream with a
 * savepoint and resumed in a new Engine (whose functions have other runtime ids) give the output of an uninterrupted
 * run, on both state backends — the accumulators went through the checkpoint, and the operators kept their
 * identities because a user-defined aggregate is identified by its name and types. A function registered with
 * other types is another function: its operator's state is not restored into it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Engine } from '../../src/index.js';
import { job, windowRows } from '../support/job-output.js';
import { weightedAvg } from './user-aggregate-fixtures.js';

const EVENTS = 12_000; // enough that a job stopped partway is still running when its savepoint is taken

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-udaf-recovery-'));
  const lines: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 100).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(JSON.stringify({ user_id: `u${i % 5}`, amount: i % 10, weight: 1 + (i % 3), ts }));
  }
  writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  return dir;
}

const DDL = `
SET 'execution.checkpointing.interval' = '20 ms';
SET 'sluice.batch-size' = '20';
CREATE TABLE events (user_id STRING, amount BIGINT, weight INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
CREATE TABLE windows (user_id STRING, window_start TIMESTAMP(3), w DOUBLE)
  WITH ('connector' = 'filesystem', 'path' = 'windows', 'format' = 'csv');
CREATE TABLE totals (user_id STRING, w DOUBLE, PRIMARY KEY (user_id) NOT ENFORCED)
  WITH ('connector' = 'sqlite', 'path' = 'totals.db');`;

const WINDOWED = `INSERT INTO windows SELECT user_id, window_start, weighted_avg(amount, weight)
  FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY user_id, window_start, window_end`;
const TOTALS = 'INSERT INTO totals SELECT user_id, weighted_avg(amount, weight) FROM events GROUP BY user_id';

async function engineFor(dir: string, config: Record<string, string>): Promise<Engine> {
  const engine = new Engine({ baseDirectory: dir, config, printLine: () => {} });
  engine.registerAggregateFunction('weighted_avg', weightedAvg());
  await engine.execute(DDL);
  return engine;
}

function totals(dir: string): unknown[] {
  const db = new Database(join(dir, 'totals.db'), { readonly: true });
  try {
    return db.prepare('SELECT user_id, w FROM totals ORDER BY user_id').all();
  } finally {
    db.close();
  }
}

/** Starts `sql`, stops it with a savepoint once `after` records are read, and returns the savepoint's path. */
async function stopMidway(dir: string, config: Record<string, string>, sql: string, after: number): Promise<string> {
  const engine = await engineFor(dir, config);
  const running = job(await engine.execute(sql));
  while (running.counters()[0]!.recordsRead < after) await sleep(1);
  const [savepoint] = await engine.savepointJob(config['pipeline.name']!, { stop: true });
  assert.ok(savepoint);
  await running.done().catch(() => undefined);
  await engine.close();
  return savepoint;
}

for (const backend of ['memory', 'sqlite']) {
  test(`stopped with a savepoint and resumed in a new engine, window and GROUP BY accumulators carry on exactly once (${backend} state)`, async () => {
    const dirs: string[] = [];
    try {
      const reference = workdir();
      dirs.push(reference);
      const plain = await engineFor(reference, { 'state.backend': backend, 'pipeline.name': 'reference' });
      await job(await plain.execute(WINDOWED)).done();
      await job(await plain.execute(TOTALS.replace('INSERT', "SET 'pipeline.name' = 'reference-totals';\nINSERT"))).done();
      await plain.close();
      const expectedWindows = windowRows(reference);
      assert.equal(expectedWindows.length, 5 * (EVENTS / 100)); // 10-second windows of events 100 ms apart, per user
      const expectedTotals = totals(reference);
      assert.equal(expectedTotals.length, 5);

      for (const [name, sql] of [['udaf-windows', WINDOWED], ['udaf-totals', TOTALS]] as const) {
        const dir = workdir();
        dirs.push(dir);
        const config = { 'state.backend': backend, 'pipeline.name': name };
        const savepoint = await stopMidway(dir, config, sql, 600);
        const resumed = await engineFor(dir, { ...config, 'execution.state-recovery.path': savepoint });
        assert.ok(resumed.restorePreview(sql).decisions.some((d) => d.operator.startsWith(name === 'udaf-windows' ? 'WindowAggregate' : 'GroupAggregate') && d.action === 'restored'));
        const summary = await job(await resumed.execute(sql)).done();
        assert.equal(summary.checkpoints?.restoredFrom?.kind, 'savepoint');
        assert.ok(summary.recordsIn < EVENTS, `resumed mid-stream (${summary.recordsIn} records read)`);
        await resumed.close();
        if (name === 'udaf-windows') assert.deepEqual(windowRows(dir), expectedWindows);
        else assert.deepEqual(totals(dir), expectedTotals);
      }
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a function registered with other types is another function: its aggregation does not claim the old state', async () => {
  const dir = workdir();
  try {
    const config = { 'pipeline.name': 'udaf-retyped' };
    const savepoint = await stopMidway(dir, config, TOTALS, 300);
    const engine = new Engine({ baseDirectory: dir, config: { ...config, 'execution.state-recovery.path': savepoint }, printLine: () => {} });
    engine.registerAggregateFunction('weighted_avg', { ...weightedAvg(), parameters: ['BIGINT', 'BIGINT'] });
    await engine.execute(DDL);
    const decisions = engine.restorePreview(TOTALS).decisions;
    // The old aggregation's state has no place (dropped); the new one starts empty.
    assert.deepEqual(decisions.filter((d) => d.operator.startsWith('GroupAggregate')).map((d) => d.action).sort(), ['dropped', 'empty']);
    await engine.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
