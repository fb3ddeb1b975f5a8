/** The kafka sink against a real broker: keys partitioned as the Java client does, formats, append-only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError, type JobHandle, type StatementResult } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();

function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as { kind: 'job'; job: JobHandle }).job;
}

/**
 * Partitions chosen by the Java client (`Utils.toPositive(Utils.murmur2(key)) % 7`, computed with
 * kafka-clients 4.1.0) for UTF-8 keys on a 7-partition topic. kafkajs' LegacyPartitioner disagrees (e.g. 'a' → 1).
 */
const JAVA_PARTITION_OF_7: Readonly<Record<string, number>> = { a: 5, b: 6, c: 0, 'user-1': 3, 'user-2': 0, '{"k":1}': 4, 'héllo': 2, '42': 3 };

const KEYS = ['a', 'b', 'c', 'user-1', 'user-2', '{"k":1}', 'héllo', '42'];

function engineWithRows(): Engine {
  const engine = new Engine();
  engine.registerTable('src', {
    columns: [{ name: 'k', type: 'STRING' }, { name: 'v', type: 'DECIMAL(10, 2)' }, { name: 'ts', type: 'TIMESTAMP(3)' }],
    rows: KEYS.map((k, i) => ({ k, v: `${i}.50`, ts: `2024-01-01 00:00:0${i}` })),
  });
  return engine;
}

test('keyed records go to the partition the Java producer would choose; csv values, raw keys', { skip: kafka.skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('keyed');
  await kafka.createTopic(topic, 7);
  const engine = engineWithRows();
  await engine.execute(`CREATE TABLE out (k STRING, v DECIMAL(10, 2), ts TIMESTAMP(3)) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'csv', 'key.format' = 'raw', 'key.fields' = 'k', 'value.fields-include' = 'EXCEPT_KEY')`);
  const summary = await job(await engine.execute('INSERT INTO out SELECT k, v, ts FROM src')).done();
  assert.equal(summary.tables.find((t) => t.table === 'out')?.recordsWritten, 8);
  const records = await kafka.readAll(topic);
  assert.equal(records.length, 8);
  for (const record of records) assert.equal(record.partition, JAVA_PARTITION_OF_7[record.key!], `key ${record.key}`);
  const a = records.find((r) => r.key === 'a');
  assert.equal(a?.value, '0.50,"2024-01-01 00:00:00"'); // quoted as Flink's (Jackson's) CSV writer quotes
});

test("'sink.delivery-guarantee' = 'none' writes too", { skip: kafka.skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('none');
  await kafka.createTopic(topic, 1);
  const engine = engineWithRows();
  await engine.execute(`CREATE TABLE out (k STRING, v DECIMAL(10, 2)) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json', 'sink.delivery-guarantee' = 'none', 'properties.acks' = '1')`);
  await job(await engine.execute("INSERT INTO out SELECT k, v FROM src WHERE k = 'a'")).done();
  assert.deepEqual((await kafka.readAll(topic)).map((r) => [r.key, r.value]), [[null, '{"k":"a","v":0.50}']]);
});

test('an updating query into a kafka sink is refused at plan time', async () => {
  const engine = engineWithRows();
  await engine.execute(`CREATE TABLE out (k STRING, n BIGINT) WITH ('connector' = 'kafka', 'topic' = 'never-written',
    'properties.bootstrap.servers' = '127.0.0.1:9', 'format' = 'json')`);
  await assert.rejects(engine.execute('INSERT INTO out SELECT k, COUNT(*) FROM src GROUP BY k'), (error: unknown) => {
    assert.ok(error instanceof PlanError);
    assert.match(error.message, /connector 'kafka'\) doesn't support consuming update changes/);
    return true;
  });
});
