/**
 * `'scan.bounded.mode'` against a real broker: timestamp, specific-offsets, group-offsets (besides latest-offset,
 * see source.test.ts), end offsets resolved once at the start, and a restored bounded job that stops at the end
 * offsets of its first run although the group's committed offsets moved meanwhile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectorError, Engine, type JobHandle, type StatementResult } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();
const skip = kafka.skip;

/** Ten records, ids 0..9: even ids in partition 0 (offsets 0..4), odd in partition 1; record i has timestamp 1000 * (i + 1). */
async function tenRecords(): Promise<string> {
  const topic = kafka.topic('bounded');
  await kafka.createTopic(topic, 2);
  await kafka.produce(topic, Array.from({ length: 10 }, (_, i) => ({
    partition: i % 2, value: JSON.stringify({ id: i }), timestamp: String(1000 * (i + 1)),
  })));
  return topic;
}

function table(topic: string, options: string): string {
  return `CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
    'format' = 'json'${options})`;
}

async function readIds(topic: string, options: string): Promise<number[]> {
  const engine = new Engine();
  await engine.execute(table(topic, options));
  const rows = await engine.query('SELECT id FROM t').toArray();
  return rows.map((r) => r['id'] as number).sort((a, b) => a - b);
}

async function commit(group: string, topic: string, offsets: readonly [partition: number, offset: number][]): Promise<void> {
  const admin = kafka.client().admin();
  await admin.connect();
  try {
    await admin.setOffsets({ groupId: group, topic, partitions: offsets.map(([partition, offset]) => ({ partition, offset: String(offset) })) });
  } finally {
    await admin.disconnect();
  }
}

const EARLIEST = ", 'scan.startup.mode' = 'earliest-offset'";

test("timestamp: each partition ends before its first record with a timestamp ≥ 'scan.bounded.timestamp-millis'", { skip, timeout: 120_000 }, async () => {
  const topic = await tenRecords();
  assert.deepEqual(await readIds(topic, `${EARLIEST}, 'scan.bounded.mode' = 'timestamp', 'scan.bounded.timestamp-millis' = '6500'`), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(await readIds(topic, `${EARLIEST}, 'scan.bounded.mode' = 'timestamp', 'scan.bounded.timestamp-millis' = '6000'`), [0, 1, 2, 3, 4]);
  // No record that late: the end offsets of now, as Flink does.
  assert.deepEqual(await readIds(topic, `${EARLIEST}, 'scan.bounded.mode' = 'timestamp', 'scan.bounded.timestamp-millis' = '99000'`), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // Start and end by timestamp: records with 3000 ≤ timestamp < 8000.
  assert.deepEqual(await readIds(topic, ", 'scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '3000', 'scan.bounded.mode' = 'timestamp', 'scan.bounded.timestamp-millis' = '8000'"), [2, 3, 4, 5, 6]);
  // Every end ≤ its start: the job is done at once.
  assert.deepEqual(await readIds(topic, ", 'scan.startup.mode' = 'latest-offset', 'scan.bounded.mode' = 'timestamp', 'scan.bounded.timestamp-millis' = '1000'"), []);
});

test('specific-offsets: exclusive end offsets; other partitions end at the committed offset, else the earliest', { skip, timeout: 120_000 }, async () => {
  const topic = await tenRecords();
  const bounded = (offsets: string): string => `, 'scan.bounded.mode' = 'specific-offsets', 'scan.bounded.specific-offsets' = '${offsets}'`;
  assert.deepEqual(await readIds(topic, EARLIEST + bounded('partition:0,offset:3;partition:1,offset:5')), [0, 1, 2, 3, 4, 5, 7, 9]);
  assert.deepEqual(await readIds(topic, EARLIEST + bounded('partition:0,offset:3')), [0, 2, 4], 'partition 1: no committed offset, ends at the earliest');
  const group = kafka.topic('bounded-group');
  await commit(group, topic, [[1, 2]]);
  assert.deepEqual(await readIds(topic, `${EARLIEST}, 'properties.group.id' = '${group}', 'properties.enable.auto.commit' = 'false'` + bounded('partition:0,offset:1')), [0, 1, 3],
    "partition 1 ends at the group's committed offset 2");
  // Start after the end: that partition is done at once.
  assert.deepEqual(await readIds(topic, ", 'scan.startup.mode' = 'specific-offsets', 'scan.startup.specific-offsets' = 'partition:0,offset:4;partition:1,offset:0'"
    + bounded('partition:0,offset:2;partition:1,offset:2')), [1, 3]);
});

test('specific-offsets beyond the end of a partition: the job reads until records up to it have arrived', { skip, timeout: 120_000 }, async () => {
  const topic = await tenRecords();
  const engine = new Engine();
  await engine.execute(table(topic, `${EARLIEST}, 'scan.bounded.mode' = 'specific-offsets', 'scan.bounded.specific-offsets' = 'partition:0,offset:7;partition:1,offset:5'`));
  const rows = engine.query('SELECT id FROM t').toArray();
  await kafka.produce(topic, [10, 12, 14, 16].map((id) => ({ partition: 0, value: JSON.stringify({ id }) })));
  const ids = (await rows).map((r) => r['id'] as number).sort((a, b) => a - b);
  assert.deepEqual(ids, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12], 'partition 0 offsets 0..6, not 16 at offset 7');
});

test("group-offsets: each partition ends at the group's committed offset; a partition without one is an error", { skip, timeout: 120_000 }, async () => {
  const topic = await tenRecords();
  const group = kafka.topic('end-group');
  const options = `${EARLIEST}, 'properties.group.id' = '${group}', 'properties.enable.auto.commit' = 'false', 'scan.bounded.mode' = 'group-offsets'`;
  await commit(group, topic, [[0, 3]]);
  await assert.rejects(readIds(topic, options), (error: unknown) => {
    assert.ok(error instanceof ConnectorError);
    assert.match(error.message, new RegExp(`^Table 't': 'scan.bounded.mode' = 'group-offsets', but consumer group '${group}' has no committed offset for topic ${topic} partition 1`));
    return true;
  });
  await commit(group, topic, [[1, 1]]);
  assert.deepEqual(await readIds(topic, options), [0, 1, 2, 4]);
  // Started from the group's offsets too: nothing between start and end.
  assert.deepEqual(await readIds(topic, `, 'properties.group.id' = '${group}', 'properties.enable.auto.commit' = 'false', 'scan.bounded.mode' = 'group-offsets'`), []);
});

function committedIds(dir: string): number[] {
  const out = join(dir, 'out');
  if (!existsSync(out)) return [];
  return readdirSync(out)
    .filter((f) => !f.startsWith('.'))
    .flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean).map(Number));
}

async function startJob(dir: string, source: string): Promise<JobHandle> {
  const engine = new Engine({ baseDirectory: dir });
  const results: StatementResult[] = [];
  for await (const { result } of engine.executeScript(`
    SET 'execution.checkpointing.interval' = '50 ms';
    SET 'pipeline.name' = 'kafka-bounded';
    ${source};
    CREATE TABLE out_ids (id INT) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv');
    INSERT INTO out_ids SELECT id FROM t;`)) results.push(result);
  const last = results[results.length - 1]!;
  assert.equal(last.kind, 'job');
  return (last as { kind: 'job'; job: JobHandle }).job;
}

test('a restored bounded job stops at the end offsets of its first run, not at ones resolved again', { skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-kafka-bounded-'));
  const topic = kafka.topic('bounded-restore');
  await kafka.createTopic(topic, 2);
  // Partition 0 holds even ids 0..1998, partition 1 odd ids 1..1999 (offset = id div 2).
  const produce = (partition: number, from: number, to: number) => kafka.produce(topic,
    Array.from({ length: to - from }, (_, i) => ({ partition, value: JSON.stringify({ id: 2 * (from + i) + partition }) })));
  await Promise.all([produce(0, 0, 1000), produce(1, 0, 1000)]);
  const group = kafka.topic('bounded-restore-group');
  await commit(group, topic, [[1, 500]]);
  // Partition 0 ends at offset 1500, beyond its end: the first run waits there. Partition 1 ends at the group's
  // committed offset, 500 when the job first starts.
  const source = table(topic, `${EARLIEST}, 'properties.group.id' = '${group}', 'properties.enable.auto.commit' = 'false',
    'scan.bounded.mode' = 'specific-offsets', 'scan.bounded.specific-offsets' = 'partition:0,offset:1500'`);
  const first = await startJob(dir, source);
  const deadline = Date.now() + 60_000;
  while (committedIds(dir).length < 1500) {
    if (Date.now() > deadline) throw new Error(`timed out: ${committedIds(dir).length} of 1500 rows committed`);
    await sleep(20);
  }
  await first.cancel();
  // Meanwhile the group's offset moves on, and partition 0 gets the records up to its end (and more).
  await commit(group, topic, [[1, 900]]);
  await produce(0, 1000, 1600);
  const second = await startJob(dir, source);
  await second.done();
  const ids = committedIds(dir).sort((a, b) => a - b);
  const expected = [...Array.from({ length: 1500 }, (_, i) => 2 * i), ...Array.from({ length: 500 }, (_, i) => 2 * i + 1)].sort((a, b) => a - b);
  assert.deepEqual(ids, expected);
});
