/**
 * A lookup join in a checkpointed job: stopped with a savepoint mid-stream and resumed from it, the job ends with
 * every order enriched exactly once (the sink is keyed by order id), although the lookup join keeps nothing in
 * checkpoints — its cache starts empty again after the restart, as in Flink.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Engine, type JobHandle, type StatementResult } from '../../src/index.js';

const ORDERS = 3000;
const CUSTOMERS = 7;

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-lookup-ckpt-'));
  const orders = Array.from({ length: ORDERS }, (_, i) => JSON.stringify({ id: i, customer: i % (CUSTOMERS + 1) }));
  writeFileSync(join(dir, 'orders.jsonl'), orders.join('\n') + '\n');
  const db = new Database(join(dir, 'shop.db'));
  db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
  for (let c = 0; c < CUSTOMERS; c++) db.prepare('INSERT INTO customers VALUES (?, ?)').run(c, `customer-${c}`);
  db.close();
  return dir;
}

const DDL = `
SET 'execution.checkpointing.interval' = '20 ms';
SET 'sluice.batch-size' = '10';
SET 'pipeline.name' = 'enrich';
CREATE TABLE orders (id BIGINT, customer INT, pt AS PROCTIME()) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json');
CREATE TABLE customers (id INT, name STRING) WITH ('connector' = 'sqlite', 'path' = 'shop.db',
  'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '3');
CREATE TABLE enriched (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'sqlite', 'path' = 'out.db');`;

const INSERT = `INSERT INTO enriched SELECT o.id, c.name FROM orders AS o
  LEFT JOIN customers FOR SYSTEM_TIME AS OF o.pt AS c ON o.customer = c.id`;

function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as Extract<StatementResult, { kind: 'job' }>).job;
}

test('a lookup join stopped with a savepoint mid-stream resumes and enriches every order exactly once', async () => {
  const dir = workdir();
  const engine = new Engine({ baseDirectory: dir, printLine: () => {} });
  await engine.execute(DDL);
  const running = job(await engine.execute(INSERT));
  while ((running.counters().find((t) => t.table === 'orders')?.recordsRead ?? 0) < 500) await sleep(1);
  const [savepoint] = await engine.savepointJob('enrich', { stop: true });
  assert.ok(savepoint);
  await running.done().catch(() => undefined);
  await engine.close();

  const resumed = new Engine({ baseDirectory: dir, printLine: () => {}, config: { 'execution.state-recovery.path': savepoint! } });
  await resumed.execute(DDL);
  const summary = await job(await resumed.execute(INSERT)).done();
  await resumed.close();
  assert.equal(summary.checkpoints?.restoredFrom?.kind, 'savepoint');
  assert.ok(summary.recordsIn < ORDERS, `resumed mid-stream (${summary.recordsIn} records read)`);
  const db = new Database(join(dir, 'out.db'), { readonly: true });
  const rows = db.prepare('SELECT id, name FROM enriched ORDER BY id').all() as { id: number; name: string | null }[];
  db.close();
  assert.equal(rows.length, ORDERS);
  rows.forEach((row, i) => assert.deepEqual(row, { id: i, name: i % (CUSTOMERS + 1) < CUSTOMERS ? `customer-${i % (CUSTOMERS + 1)}` : null }));
});
