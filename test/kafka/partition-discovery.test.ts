/**
 * Partition discovery (`'scan.topic-partition-discovery.interval'`) against a real broker: partitions added to a
 * topic and topics created to match `'topic-pattern'` while a job runs are read from their earliest offset; a new
 * partition holds the table's watermark where it is until its own watermark passes it (so its records are not made
 * late by partitions that were there before); a checkpointed job restarted after a discovery reads every record once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine, type Change, type JobHandle, type QueryResult, type StatementResult } from '../../src/index.js';
import kafkajs, { type Message } from 'kafkajs';
import { useKafka } from '../support/kafka.js';

const { Partitioners } = kafkajs;

const kafka = await useKafka();
const skip = kafka.skip;
const DISCOVERY = "'scan.topic-partition-discovery.interval' = '100 ms'";

async function addPartitions(topic: string, count: number): Promise<void> {
  const admin = kafka.client().admin();
  await admin.connect();
  try {
    await admin.createPartitions({ topicPartitions: [{ topic, count }], validateOnly: false });
    await waitFor(async () => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions ?? [],
      (partitions) => partitions.length === count && partitions.every((p) => p.leader >= 0), `${count} partitions with leaders`);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Produces with a new producer: kafkajs' producer keeps its topic metadata and silently drops records for
 * partitions it does not know, so the shared test producer cannot write to partitions added after its first send.
 * Idempotent: a request retried because one new partition was not ready yet must not write the others twice.
 */
async function produce(topic: string, messages: readonly Message[]): Promise<void> {
  const producer = kafka.client().producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [...messages] });
  } finally {
    await producer.disconnect();
  }
}

/** Polls `read` until it returns something `done` accepts (a deadline guards against hanging, nothing is timed). */
async function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(25);
  }
}

/** The rows of an unbounded query as they arrive; `failure` is set if the query fails. */
interface Collected {
  readonly rows: Record<string, unknown>[];
  failure?: unknown;
}

function collect(result: QueryResult): Collected {
  const collected: Collected = { rows: [] };
  void (async () => {
    for await (const change of result) collected.rows.push((change as Change).row);
  })().catch((error: unknown) => { collected.failure = error; });
  return collected;
}

/** Waits until `collected` has `count` rows; rethrows the query's failure. */
async function rowsArrived(collected: Collected, count: number, what: string): Promise<void> {
  await waitFor(() => { if (collected.failure) throw collected.failure; return collected.rows.length; }, (n) => n >= count, what);
}

const sorted = (ids: readonly number[]): number[] => [...ids].sort((a, b) => a - b);

test('partitions added to the topic while the job runs are read from their earliest offset', { skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('grow');
  await kafka.createTopic(topic, 1);
  await produce(topic, [{ partition: 0, value: '{"id": 1}' }]);
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (id INT, p INT METADATA FROM 'partition' VIRTUAL) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset', ${DISCOVERY})`);
  const result = engine.query('SELECT id, p FROM t');
  const seen = collect(result);
  try {
    await produce(topic, [{ partition: 0, value: '{"id": 2}' }]);
    await rowsArrived(seen, 2, 'records 1 and 2');
    await addPartitions(topic, 3);
    // Produced right away, probably before the job discovers the partitions: read from the earliest offset anyway.
    await produce(topic, [{ partition: 1, value: '{"id": 3}' }, { partition: 2, value: '{"id": 4}' }, { partition: 2, value: '{"id": 5}' }]);
    await rowsArrived(seen, 5, 'records of the new partitions');
    await produce(topic, [{ partition: 0, value: '{"id": 6}' }, { partition: 1, value: '{"id": 7}' }]);
    await rowsArrived(seen, 7, 'records 6 and 7');
    assert.deepEqual(sorted(seen.rows.map((r) => r['id'] as number)), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(sorted(seen.rows.filter((r) => (r['id'] as number) >= 3).map((r) => r['p'] as number)), [0, 1, 1, 2, 2]);
  } finally {
    await result.cancel();
  }
});

test("topics created to match 'topic-pattern' while the job runs are read from their earliest offset", { skip, timeout: 120_000 }, async () => {
  const prefix = kafka.topic('pattern');
  await kafka.createTopic(`${prefix}-a`, 1);
  await produce(`${prefix}-a`, [{ value: '{"id": 1}' }]);
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (id INT, src STRING METADATA FROM 'topic' VIRTUAL) WITH ('connector' = 'kafka',
    'topic-pattern' = '${prefix}-.*', 'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json',
    'scan.startup.mode' = 'earliest-offset', ${DISCOVERY})`);
  const result = engine.query('SELECT id, src FROM t');
  const seen = collect(result);
  try {
    await rowsArrived(seen, 1, 'the record of the first topic');
    await kafka.createTopic(`${prefix}-b`, 2);
    await kafka.createTopic(`other-${prefix}`, 1);
    await produce(`${prefix}-b`, [{ partition: 0, value: '{"id": 2}' }, { partition: 1, value: '{"id": 3}' }]);
    await produce(`other-${prefix}`, [{ value: '{"id": 99}' }]);
    await rowsArrived(seen, 3, 'the records of the new topic');
    await produce(`${prefix}-a`, [{ value: '{"id": 4}' }]);
    await rowsArrived(seen, 4, 'record 4');
    assert.deepEqual(seen.rows.sort((x, y) => (x['id'] as number) - (y['id'] as number)), [
      { id: 1, src: `${prefix}-a` }, { id: 2, src: `${prefix}-b` }, { id: 3, src: `${prefix}-b` }, { id: 4, src: `${prefix}-a` },
    ], 'the topic that does not match is not read');
  } finally {
    await result.cancel();
  }
});

const at = (second: number): string => `2024-01-01 00:00:${String(second).padStart(2, '0')}`;
const event = (partition: number, id: number, second: number | null) => ({ partition, value: JSON.stringify({ id, ts: second === null ? null : at(second) }) });

async function splitRows(engine: Engine): Promise<unknown[][]> {
  const shown = (await engine.execute('SHOW WATERMARKS')) as StatementResult & { kind: 'table' };
  const column = (name: string): number => shown.columns.indexOf(name);
  return shown.rows.filter((row) => row[column('operator')] === 'source t').map((row) => [row[column('split')], row[column('watermark')]]);
}

test("a new partition holds the table's watermark where it is until its own watermark passes it", { skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('discover-watermark');
  await kafka.createTopic(topic, 1);
  await produce(topic, [event(0, 1, 1), event(0, 2, 15)]);
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset', ${DISCOVERY})`);
  const result = engine.query(`SELECT window_start, COUNT(*) AS n, SUM(id) AS ids FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
    GROUP BY window_start, window_end`);
  const windows = collect(result);
  try {
    await rowsArrived(windows, 1, 'window [0 s, 10 s) (the watermark is at 15 s)');
    await addPartitions(topic, 2);
    // Rows without a time do not move watermarks (nor count in windows); they make the assigner take up the new
    // split, which SHOW WATERMARKS then lists, without a watermark of its own yet.
    let heartbeat = 100;
    await waitFor(async () => {
      await produce(topic, [event(0, heartbeat++, null)]);
      return splitRows(engine);
    }, (rows) => rows.length === 2, 'the new partition in SHOW WATERMARKS');
    assert.deepEqual(await splitRows(engine), [[0, `${at(15)}.000`], [1, null]]);
    // Partition 0 moves to 25 s, but partition 1 holds the table at 15 s: its record at 12 s is not late, and the
    // window [10 s, 20 s) fires once partition 1 passes 20 s — with both records in it.
    await produce(topic, [event(0, 3, 25)]);
    await produce(topic, [event(1, 4, 12), event(1, 5, 30)]);
    await rowsArrived(windows, 2, 'window [10 s, 20 s)');
    assert.deepEqual(windows.rows, [{ window_start: `${at(0)}.000`, n: 1n, ids: 1 }, { window_start: `${at(10)}.000`, n: 2n, ids: 6 }]);
  } finally {
    await result.cancel();
  }
});

function committedIds(dir: string): number[] {
  const out = join(dir, 'out');
  if (!existsSync(out)) return [];
  return readdirSync(out)
    .filter((f) => !f.startsWith('.'))
    .flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean).map(Number));
}

/** Where a running job's failure lands, to fail the test with it rather than time out. */
function failure(job: JobHandle): { error?: unknown } {
  const failed: { error?: unknown } = {};
  job.done().catch((error: unknown) => { failed.error = error; });
  return failed;
}

async function startJob(dir: string, topic: string): Promise<JobHandle> {
  const engine = new Engine({ baseDirectory: dir });
  const results: StatementResult[] = [];
  for await (const { result } of engine.executeScript(`
    SET 'execution.checkpointing.interval' = '50 ms';
    SET 'pipeline.name' = 'kafka-discovery';
    CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
      'format' = 'json', 'scan.startup.mode' = 'earliest-offset', ${DISCOVERY});
    CREATE TABLE out_ids (id INT) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv');
    INSERT INTO out_ids SELECT id FROM t;`)) results.push(result);
  const last = results[results.length - 1]!;
  assert.equal(last.kind, 'job');
  return (last as { kind: 'job'; job: JobHandle }).job;
}

test('restarted from a checkpoint, a job resumes discovered partitions at their checkpointed offsets: each record once', { skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-kafka-discovery-'));
  const topic = kafka.topic('discover-restore');
  await kafka.createTopic(topic, 1);
  const produceIds = (from: number, to: number, partitions: number) =>
    produce(topic, Array.from({ length: to - from }, (_, i) => ({ partition: (from + i) % partitions, value: JSON.stringify({ id: from + i }) })));
  await produceIds(0, 100, 1);
  const first = await startJob(dir, topic);
  const failed = failure(first);
  const committed = (): number => { if (failed.error) throw failed.error; return committedIds(dir).length; };
  await waitFor(committed, (n) => n >= 100, 'the first 100 rows');
  await addPartitions(topic, 3);
  await produceIds(100, 1000, 3);
  await waitFor(committed, (n) => n >= 400, 'rows of the new partitions');
  await first.cancel();
  // Produced while the job is down, to old and new partitions; the restarted job's startup mode (earliest-offset)
  // does not apply to partitions its checkpoint knows (else ids would come twice).
  await produceIds(1000, 1500, 3);
  const second = await startJob(dir, topic);
  await waitFor(() => committedIds(dir).length, (n) => n >= 1500, 'all 1500 rows');
  await sleep(200); // a duplicate would show up in the next checkpoints
  await second.cancel();
  assert.deepEqual(sorted(committedIds(dir)), Array.from({ length: 1500 }, (_, i) => i));
});
