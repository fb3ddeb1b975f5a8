/**
 * Top-N and deduplication state through checkpoints: a job stopped with a savepoint mid-stream and resumed from it
 * (on either state backend) ends with exactly the answer computed from all the data — which needs the restored
 * state, since the highest prices are all in the rows read before the stop. Results go to a keyed sqlite sink, which
 * applies the -U/+U/-D changes by primary key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Engine, type JobHandle, type StatementResult } from '../../src/index.js';

const EVENTS = 20_000; // enough that a job stopped after 500 of them is still running when its savepoint is taken
const AUCTIONS = 7;

interface Bid {
  readonly id: number;
  readonly auction: number;
  readonly price: number;
  readonly ts: string;
}

/** Prices: the first 100 bids bid highest (2000 + i), later ones pseudo-random below 1009. */
function bids(): Bid[] {
  return Array.from({ length: EVENTS }, (_, i) => ({
    id: i,
    auction: i % AUCTIONS,
    price: i < 100 ? 2000 + i : (i * 7919) % 1009,
    ts: new Date(Date.UTC(2026, 0, 1) + i * 100).toISOString().replace('T', ' ').replace('Z', ''),
  }));
}

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-topn-ckpt-'));
  writeFileSync(join(dir, 'bids.jsonl'), bids().map((b) => JSON.stringify(b)).join('\n') + '\n');
  return dir;
}

const DDL = `
SET 'execution.checkpointing.interval' = '20 ms';
SET 'sluice.batch-size' = '10';
CREATE TABLE bids (id BIGINT, auction INT, price INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'bids.jsonl', 'format' = 'json');
CREATE TABLE top3 (auction INT, rn BIGINT, id BIGINT, price INT, PRIMARY KEY (auction, rn) NOT ENFORCED)
  WITH ('connector' = 'sqlite', 'path' = 'out.db');
CREATE TABLE last_bid (auction INT, id BIGINT, PRIMARY KEY (auction) NOT ENFORCED)
  WITH ('connector' = 'sqlite', 'path' = 'out.db');`;

const TOP3 = `INSERT INTO top3 SELECT auction, rn, id, price
  FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rn FROM bids) WHERE rn <= 3`;
const LAST_BID = `INSERT INTO last_bid SELECT auction, id
  FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY ts DESC) AS rn FROM bids) WHERE rn = 1`;

function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as { kind: 'job'; job: JobHandle }).job;
}

async function engineFor(dir: string, config: Record<string, string>): Promise<Engine> {
  const engine = new Engine({ baseDirectory: dir, config, printLine: () => {} });
  await engine.execute(DDL);
  return engine;
}

function table(dir: string, sql: string): unknown[] {
  const db = new Database(join(dir, 'out.db'), { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

/** The answers, from all the bids at once. */
function expectedTop3(): unknown[] {
  const rows: unknown[] = [];
  for (let auction = 0; auction < AUCTIONS; auction++) {
    const sorted = bids().filter((b) => b.auction === auction).sort((a, b) => b.price - a.price || a.id - b.id);
    sorted.slice(0, 3).forEach((b, i) => rows.push({ auction, rn: i + 1, id: b.id, price: b.price }));
  }
  return rows;
}

function expectedLastBid(): unknown[] {
  return Array.from({ length: AUCTIONS }, (_, auction) => ({ auction, id: Math.max(...bids().filter((b) => b.auction === auction).map((b) => b.id)) }));
}

for (const backend of ['memory', 'sqlite'] as const) {
  for (const [name, insert, check] of [
    ['Top-N', TOP3, (dir: string) => assert.deepEqual(table(dir, 'SELECT auction, rn, id, price FROM top3 ORDER BY auction, rn'), expectedTop3())],
    ['deduplication', LAST_BID, (dir: string) => assert.deepEqual(table(dir, 'SELECT auction, id FROM last_bid ORDER BY auction'), expectedLastBid())],
  ] as const) {
    test(`${backend} state: a ${name} stopped with a savepoint mid-stream resumes from its state, exactly`, async () => {
      const dir = workdir();
      const config = { 'state.backend': backend, 'pipeline.name': `ranked-${backend}` };
      const engine = await engineFor(dir, config);
      const running = job(await engine.execute(insert));
      while (running.counters()[0]!.recordsRead < 500) await sleep(1);
      const [savepoint] = await engine.savepointJob(`ranked-${backend}`, { stop: true });
      assert.ok(savepoint);
      await running.done().catch(() => undefined);
      await engine.close();

      const resumed = await engineFor(dir, { ...config, 'execution.state-recovery.path': savepoint! });
      const summary = await job(await resumed.execute(insert)).done();
      await resumed.close();
      assert.equal(summary.checkpoints?.restoredFrom?.kind, 'savepoint');
      assert.ok(summary.recordsIn < EVENTS, `resumed mid-stream (${summary.recordsIn} records read)`);
      check(dir);
    });
  }
}
