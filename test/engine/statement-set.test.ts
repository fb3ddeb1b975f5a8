/**
 * Statement sets (`EXECUTE STATEMENT SET BEGIN … END`, the SQL client's `BEGIN STATEMENT SET; … END;`): every
 * INSERT runs in one job with a sink each; a table scanned by several INSERTs is read once (its scan and watermark
 * assigner are shared, EXPLAIN shows `Reused(reference_id=[n])`); checkpoints and savepoints cover every sink.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Engine, SqlSyntaxError, PlanError, type JobHandle, type StatementResult } from '../../src/index.js';

function workdir(events: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-set-'));
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 100).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(JSON.stringify({ id: i, user_id: `u${i % 5}`, amount: i % 10, ts }));
  }
  writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  return dir;
}

const DDL = `
CREATE TABLE events (id BIGINT, user_id STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
CREATE TABLE windows (user_id STRING, window_start TIMESTAMP(3), clicks BIGINT)
  WITH ('connector' = 'filesystem', 'path' = 'windows', 'format' = 'csv');
CREATE TABLE big (id BIGINT, amount INT) WITH ('connector' = 'filesystem', 'path' = 'big', 'format' = 'csv');
CREATE TABLE totals (user_id STRING, total BIGINT, PRIMARY KEY (user_id) NOT ENFORCED)
  WITH ('connector' = 'sqlite', 'path' = 'totals.db');`;

const INSERTS = `
  INSERT INTO windows SELECT user_id, window_start, COUNT(*)
    FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY user_id, window_start, window_end;
  INSERT INTO big SELECT id, amount FROM events WHERE amount >= 8;
  INSERT INTO totals SELECT user_id, SUM(CAST(amount AS BIGINT)) FROM events GROUP BY user_id;`;

const SET = `EXECUTE STATEMENT SET BEGIN${INSERTS}\nEND`;

function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as { kind: 'job'; job: JobHandle }).job;
}

function lines(dir: string, sink: string): string[] {
  const out = join(dir, sink);
  return readdirSync(out).filter((f) => !f.startsWith('.')).flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean)).sort();
}

function totals(dir: string): unknown[] {
  const db = new Database(join(dir, 'totals.db'), { readonly: true });
  try {
    return db.prepare('SELECT user_id, total FROM totals ORDER BY user_id').all();
  } finally {
    db.close();
  }
}

async function engineFor(dir: string, config: Record<string, string> = {}): Promise<Engine> {
  const engine = new Engine({ baseDirectory: dir, config, printLine: () => {} });
  await engine.execute(DDL);
  return engine;
}

test('a statement set is one job: every sink written, the shared source read once, each sink counted', async () => {
  const dir = workdir(1000);
  const engine = await engineFor(dir);
  const handle = job(await engine.execute(SET));
  assert.equal(handle.jobName, 'insert-into_windows,big,totals');
  const summary = await handle.done();
  assert.equal(summary.status, 'finished');
  assert.equal(summary.recordsIn, 1000);
  const counts = Object.fromEntries(summary.tables.map((t) => [t.table, [t.recordsRead, t.recordsWritten]]));
  assert.deepEqual(counts['events'], [1000, 0]);
  assert.equal(counts['windows']?.[1], 5 * 10);
  assert.equal(counts['big']?.[1], 200);
  assert.ok((counts['totals']?.[1] ?? 0) > 0);
  assert.equal(lines(dir, 'windows').length, 50);
  assert.equal(lines(dir, 'big').length, 200);
  assert.deepEqual(totals(dir), ['u0', 'u1', 'u2', 'u3', 'u4'].map((user, u) => ({ user_id: user, total: expectedTotal(u) })));
  await engine.close();
});

/** The sum of `i % 10` over the 1000 ids with `i % 5 === u`. */
function expectedTotal(u: number): number {
  let sum = 0;
  for (let i = u; i < 1000; i += 5) sum += i % 10;
  return sum;
}

test("the SQL client's BEGIN STATEMENT SET; … END; runs the same job", async () => {
  const dir = workdir(200);
  const engine = await engineFor(dir);
  const results: StatementResult[] = [];
  for await (const { result } of engine.executeScript(`BEGIN STATEMENT SET;${INSERTS}\nEND;\nSHOW JOBS;`)) results.push(result);
  assert.deepEqual(results.map((r) => r.kind), ['job', 'table']);
  const summary = await job(results[0]!).done();
  assert.equal(summary.recordsIn, 200);
  assert.equal(lines(dir, 'big').length, 40);
  await engine.close();
});

test('EXPLAIN STATEMENT SET prints one plan: a sink per INSERT, the shared scan once, then Reused', async () => {
  const engine = await engineFor(workdir(1));
  const plan = engine.explain(`EXPLAIN ${SET}`);
  assert.equal(plan, engine.explain(SET));
  const sinks = plan.split('\n').filter((line) => line.startsWith('Sink('));
  assert.deepEqual(sinks.map((line) => /table=\[(\w+)\]/.exec(line)?.[1]), ['windows', 'big', 'totals']);
  assert.equal(plan.match(/TableSourceScan/g)?.length, 1);
  assert.match(plan, /WatermarkAssigner\(.*\)\(reuse_id=\[1\]\)\n\s+\+- TableSourceScan\(table=\[events\]/);
  assert.equal(plan.match(/Reused\(reference_id=\[1\]\)/g)?.length, 2);
  const rows = await engine.execute(`EXPLAIN ${SET}`);
  assert.equal(rows.kind, 'table');
  await engine.close();
});

test('a statement set holds only INSERTs; each INSERT is checked as on its own, at its position', async () => {
  const engine = await engineFor(workdir(1));
  await assert.rejects(
    engine.execute('EXECUTE STATEMENT SET BEGIN\n  INSERT INTO big SELECT id, amount FROM events;\n  SELECT * FROM events;\nEND'),
    (error: unknown) => error instanceof SqlSyntaxError && /^Only INSERT statements are allowed in a statement set; found SELECT at 3:3/.test(error.message),
  );
  await assert.rejects(
    engine.execute("BEGIN STATEMENT SET;\nCREATE TABLE x (a INT) WITH ('connector' = 'blackhole');\nEND;"),
    (error: unknown) => error instanceof SqlSyntaxError && /found CREATE at 2:1/.test(error.message),
  );
  await assert.rejects(
    engine.execute('EXECUTE STATEMENT SET BEGIN\nINSERT INTO big SELECT id, amount FROM events;\nINSERT INTO big SELECT COUNT(*), MAX(amount) FROM events GROUP BY user_id;\nEND'),
    (error: unknown) => error instanceof PlanError && /Table sink 'big' .*doesn't support consuming update changes.* at 3:17/.test(error.message),
  );
  await engine.close();
});

test('stop a statement set with a savepoint mid-stream and resume it: every sink exactly once', async () => {
  const events = 12_000;
  const config = { 'execution.checkpointing.interval': '20 ms', 'pipeline.name': 'fan-out', 'sluice.batch-size': '10' };
  const reference = workdir(events);
  await job(await (await engineFor(reference, { ...config, 'pipeline.name': 'reference', 'sluice.batch-size': '50' })).execute(SET)).done();

  const dir = workdir(events);
  const engine = await engineFor(dir, config);
  const running = job(await engine.execute(SET));
  while (running.counters()[0]!.recordsRead < 500) await sleep(1);
  const [savepoint] = await engine.savepointJob('fan-out', { stop: true });
  assert.ok(savepoint);
  await running.done().catch(() => undefined);
  assert.ok(lines(dir, 'big').length < lines(reference, 'big').length, 'stopped early');

  const resumed = await engineFor(dir, { ...config, 'execution.state-recovery.path': savepoint! });
  const summary = await job(await resumed.execute(SET)).done();
  assert.equal(summary.checkpoints?.restoredFrom?.kind, 'savepoint');
  assert.ok(summary.recordsIn < events, `resumed mid-stream (${summary.recordsIn} records read)`);
  for (const sink of ['windows', 'big']) assert.deepEqual(lines(dir, sink), lines(reference, sink), sink);
  assert.deepEqual(totals(dir), totals(reference));
  await resumed.close();
});
