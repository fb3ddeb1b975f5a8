/**
 * Kafka → TUMBLE window → Kafka against a real broker: 100,000 JSON events, out of order within the watermark
 * delay, keyed by user over 4 partitions; the output topic must hold exactly the independently computed answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, type JobHandle, type StatementResult } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();

const EVENTS = 100_000;
const USERS = 10;
const BASE = Date.UTC(2024, 0, 1);
const WINDOW_MS = 10_000;

function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as { kind: 'job'; job: JobHandle }).job;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stamp(millis: number): string {
  return new Date(millis).toISOString().replace('T', ' ').replace('Z', '');
}

/** TIMESTAMP(3) as the JSON format writes it (Flink's text: no fraction on a whole second). */
function writtenStamp(millis: number): string {
  return stamp(millis).replace(/\.?0*$/, '');
}

interface Event {
  readonly user: string;
  readonly amount: number;
  readonly ts: number;
}

/** Events 10 ms apart, each shifted back by up to 2 s: out of order, but within the 5 s watermark delay. */
function events(): Event[] {
  const next = random(7);
  return Array.from({ length: EVENTS }, (_, i) => ({
    user: `user-${Math.floor(next() * USERS)}`,
    amount: Math.floor(next() * 1000),
    ts: BASE + i * 10 - Math.floor(next() * 2000),
  }));
}

test('100,000 events through a tumbling window from a 4-partition topic into an output topic', { skip: kafka.skip, timeout: 240_000 }, async () => {
  const input = kafka.topic('events');
  const output = kafka.topic('totals');
  await kafka.createTopic(input, 4);
  await kafka.createTopic(output, 2);
  const all = events();
  await kafka.produce(input, all.map((e) => ({ key: e.user, value: JSON.stringify({ user_id: e.user, amount: e.amount, ts: stamp(e.ts) }) })));

  const expected = new Map<string, { n: number; total: number }>();
  for (const e of all) {
    const start = Math.floor(e.ts / WINDOW_MS) * WINDOW_MS;
    const key = `${writtenStamp(start)}|${e.user}`;
    const entry = expected.get(key) ?? { n: 0, total: 0 };
    entry.n++;
    entry.total += e.amount;
    expected.set(key, entry);
  }

  const engine = new Engine();
  await engine.execute(`
    CREATE TABLE events (user_id STRING, amount BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (
      'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
    CREATE TABLE totals (window_start TIMESTAMP(3), user_id STRING, n BIGINT, total BIGINT) WITH (
      'connector' = 'kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
      'format' = 'json', 'key.format' = 'raw', 'key.fields' = 'user_id', 'sink.delivery-guarantee' = 'at-least-once');`);
  const started = Date.now();
  const summary = await job(await engine.execute(`INSERT INTO totals
    SELECT window_start, user_id, COUNT(*), SUM(amount)
    FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
    GROUP BY window_start, window_end, user_id`)).done();
  const elapsed = Date.now() - started;
  const source = summary.tables.find((t) => t.table === 'events');
  assert.equal(source?.recordsRead, EVENTS);
  assert.equal(source?.lateRecords ?? 0, 0, 'per-partition watermarks: no event is late although partitions are read at different speeds');
  process.stderr.write(`kafka pipeline: ${EVENTS} events in ${elapsed} ms (${Math.round(EVENTS / (elapsed / 1000))} events/s)\n`);

  const records = await kafka.readAll(output);
  const actual = new Map<string, { n: number; total: number }>();
  for (const record of records) {
    const row = JSON.parse(record.value!) as { window_start: string; user_id: string; n: number; total: number };
    assert.equal(record.key, row.user_id, 'the key is the raw user_id');
    const key = `${row.window_start}|${row.user_id}`;
    assert.ok(!actual.has(key), `window result ${key} written once`);
    actual.set(key, { n: row.n, total: row.total });
  }
  assert.equal(actual.size, expected.size);
  assert.deepEqual([...actual.entries()].sort(), [...expected.entries()].sort());
  // Keyed records land where Java's murmur2 partitioner puts them: one partition per user.
  const partitionsPerUser = new Map<string, Set<number>>();
  for (const record of records) partitionsPerUser.set(record.key!, (partitionsPerUser.get(record.key!) ?? new Set()).add(record.partition));
  for (const partitions of partitionsPerUser.values()) assert.equal(partitions.size, 1);
});
