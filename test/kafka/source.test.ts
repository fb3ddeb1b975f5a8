/** The kafka source against a real broker: startup modes, bounded reads, keys, malformed records. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError, Engine } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();
const skip = kafka.skip;

/** Ten records, ids 0..9: even ids in partition 0, odd in partition 1; record i has timestamp 1000 * (i + 1). */
async function tenRecords(): Promise<string> {
  const topic = kafka.topic('ten');
  await kafka.createTopic(topic, 2);
  await kafka.produce(topic, Array.from({ length: 10 }, (_, i) => ({
    partition: i % 2, key: `k${i}`, value: JSON.stringify({ id: i, name: `n${i}` }), timestamp: String(1000 * (i + 1)),
  })));
  return topic;
}

async function readIds(topic: string, options: string): Promise<number[]> {
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (id INT, name STRING) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json', 'scan.bounded.mode' = 'latest-offset'${options})`);
  const rows = await engine.query('SELECT id FROM t').toArray();
  return rows.map((r) => r['id'] as number).sort((a, b) => a - b);
}

test('startup modes: earliest, latest, timestamp, specific offsets', { skip, timeout: 120_000 }, async () => {
  const topic = await tenRecords();
  assert.deepEqual(await readIds(topic, ", 'scan.startup.mode' = 'earliest-offset'"), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(await readIds(topic, ", 'scan.startup.mode' = 'latest-offset'"), []);
  assert.deepEqual(await readIds(topic, ", 'scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '6500'"), [6, 7, 8, 9]);
  // Partition 0 holds ids 0,2,4,6,8 at offsets 0..4; partition 1 holds 1,3,5,7,9.
  assert.deepEqual(await readIds(topic, ", 'scan.startup.mode' = 'specific-offsets', 'scan.startup.specific-offsets' = 'partition:0,offset:3;partition:1,offset:4'"), [6, 8, 9]);
});

test('group offsets: committed by an earlier bounded read, else auto.offset.reset, else a clear error', { skip, timeout: 120_000 }, async () => {
  const topic = await tenRecords();
  const group = kafka.topic('group');
  await assert.rejects(readIds(topic, `, 'properties.group.id' = '${group}'`), (error: unknown) => {
    assert.ok(error instanceof ConnectorError);
    assert.match(error.message, new RegExp(`consumer group '${group}' has no committed offset for topic ${topic} partition 0.*auto.offset.reset`));
    return true;
  });
  const admin = kafka.client().admin();
  await admin.connect();
  await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '4' }, { partition: 1, offset: '3' }] });
  await admin.disconnect();
  assert.deepEqual(await readIds(topic, `, 'properties.group.id' = '${group}'`), [7, 8, 9]);
  const fresh = kafka.topic('fresh');
  assert.deepEqual(await readIds(topic, `, 'properties.group.id' = '${fresh}', 'properties.auto.offset.reset' = 'earliest', 'properties.auto.commit.interval.ms' = '1'`), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // That read committed its offsets to the group (for monitoring, as Flink does): the next read starts after them.
  assert.deepEqual(await readIds(topic, `, 'properties.group.id' = '${fresh}'`), []);
});

test('key fields come from the record key; several topics read as one table', { skip, timeout: 120_000 }, async () => {
  const [a, b] = [kafka.topic('multi-a'), kafka.topic('multi-b')];
  await kafka.createTopic(a, 1);
  await kafka.createTopic(b, 3);
  await kafka.produce(a, [{ key: '1', value: '{"name": "one"}' }]);
  await kafka.produce(b, [{ key: '2', value: '{"name": "two"}' }, { key: '3', value: '{"name": "three"}' }]);
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (id INT, name STRING) WITH ('connector' = 'kafka', 'topic' = '${a};${b}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
    'key.format' = 'csv', 'key.fields' = 'id', 'value.format' = 'json', 'value.fields-include' = 'EXCEPT_KEY')`);
  const rows = await engine.query('SELECT id, name FROM t').toArray();
  assert.deepEqual(rows.sort((x, y) => (x['id'] as number) - (y['id'] as number)), [{ id: 1, name: 'one' }, { id: 2, name: 'two' }, { id: 3, name: 'three' }]);
});

test('a malformed record fails the job naming topic, partition and offset; ignore-parse-errors skips and counts', { skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('malformed');
  await kafka.createTopic(topic, 1);
  await kafka.produce(topic, ['{"id": 1}', 'not json', '{"id": "x"}', '{"id": 4}'].map((value) => ({ value })));
  const table = (ignore: boolean): string => `CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset', 'json.ignore-parse-errors' = '${ignore}')`;
  const failing = new Engine();
  await failing.execute(table(false));
  await assert.rejects(failing.query('SELECT id FROM t').toArray(), (error: unknown) => {
    assert.ok(error instanceof ConnectorError);
    assert.match(error.message, new RegExp(`Malformed JSON.*\\(at topic ${topic} partition 0 offset 1, value`));
    return true;
  });
  const engine = new Engine();
  await engine.execute(table(true));
  const result = engine.query('SELECT id FROM t');
  assert.deepEqual(await result.toArray(), [{ id: 1 }, { id: 4 }]);
  assert.equal((await result.done()).tables.find((t) => t.table === 't')?.malformedRecords, 2);
  const skipped = await engine.query('SELECT raw, location FROM `t$malformed`').toArray();
  assert.deepEqual(skipped.map((r) => r['raw']), ['not json', '{"id": "x"}'], 'the skipped records, kept where they can be seen');
  assert.match(String(skipped[0]!['location']), new RegExp(`^topic ${topic} partition 0 offset 1`));
  assert.match(String(skipped[1]!['location']), new RegExp(`^topic ${topic} partition 0 offset 2`));
});

test('an unknown topic is a connector error', { skip, timeout: 120_000 }, async () => {
  const engine = new Engine();
  await engine.execute(`CREATE TABLE missing (id INT) WITH ('connector' = 'kafka', 'topic' = 'no-such-topic-${Date.now()}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')`);
  await assert.rejects(engine.query('SELECT id FROM missing').toArray(), /topic 'no-such-topic-\d+' does not exist/);
});

test('a JSON value decodes only the columns the query reads: a wrong type in another column is no error', { skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('projection');
  await kafka.createTopic(topic, 1);
  await kafka.produce(topic, ['{"id": 1, "name": "a", "score": 5}', '{"id": 2, "name": "b", "score": "not a number"}'].map((value) => ({ value })));
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (id INT, name STRING, score INT) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset')`);
  assert.match(engine.explain('SELECT id, name FROM t'), /read=\[id, name\]/);
  assert.deepEqual(await engine.query('SELECT id, name FROM t').toArray(), [{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
  await assert.rejects(engine.query('SELECT score FROM t').toArray(), /offset 1/);
});
