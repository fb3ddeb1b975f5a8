/**
 * The upsert-kafka sink against a real broker: an unbounded GROUP BY with HAVING writes its changelog by primary
 * key — rows as values, deletes (and updates whose new row HAVING filtered out) as tombstones — so that the topic,
 * compacted by key, holds exactly the query's final result.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type JobHandle, type StatementResult } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();

test('GROUP BY … HAVING into upsert-kafka: the last record per key is the final result, tombstones for removed keys', { skip: kafka.skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-upsert-kafka-'));
  // u0 has 5 clicks (passes HAVING < 3 twice, then drops out), u1 has 2, u2 has 1.
  const users = ['u0', 'u1', 'u0', 'u2', 'u0', 'u1', 'u0', 'u0'];
  writeFileSync(join(dir, 'clicks.csv'), users.map((u, i) => `${i},${u}`).join('\n') + '\n');
  const topic = kafka.topic('upsert');
  await kafka.createTopic(topic, 2);
  const engine = new Engine({ baseDirectory: dir });
  let last: StatementResult | undefined;
  for await (const { result } of engine.executeScript(`
    CREATE TABLE clicks (id INT, user_id STRING) WITH ('connector' = 'filesystem', 'path' = 'clicks.csv', 'format' = 'csv');
    CREATE TABLE few (user_id STRING, clicks BIGINT, PRIMARY KEY (user_id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka',
      'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}', 'key.format' = 'json', 'value.format' = 'json');
    INSERT INTO few SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id HAVING COUNT(*) < 3;`)) last = result;
  await (last as { kind: 'job'; job: JobHandle }).job.done();

  const records = await kafka.readAll(topic);
  const byKey = new Map<string, (string | null)[]>();
  for (const record of records.sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
    const key = record.key!;
    byKey.set(key, [...(byKey.get(key) ?? []), record.value]);
  }
  const finalState = new Map([...byKey].map(([key, values]) => [JSON.parse(key).user_id as string, values[values.length - 1] ?? null]));
  assert.deepEqual(Object.fromEntries(finalState), {
    u0: null,
    u1: JSON.stringify({ user_id: 'u1', clicks: 2 }),
    u2: JSON.stringify({ user_id: 'u2', clicks: 1 }),
  });
  assert.ok(byKey.get(JSON.stringify({ user_id: 'u0' }))!.includes(JSON.stringify({ user_id: 'u0', clicks: 2 })), 'u0 was there before HAVING removed it');
});

test('upsert-kafka without a primary key is refused at plan time', { skip: kafka.skip }, async () => {
  const engine = new Engine();
  await assert.rejects(
    engine.execute(`CREATE TABLE few (user_id STRING, clicks BIGINT) WITH ('connector' = 'upsert-kafka', 'topic' = 't',
      'properties.bootstrap.servers' = '${kafka.bootstrap}', 'key.format' = 'json', 'value.format' = 'json');
      CREATE TABLE c (user_id STRING) WITH ('connector' = 'datagen');
      INSERT INTO few SELECT user_id, COUNT(*) FROM c GROUP BY user_id`),
    /doesn't support consuming update changes.*a 'sqlite' or 'upsert-kafka' sink with a PRIMARY KEY \(…\) NOT ENFORCED/,
  );
});

test('the upsert-kafka source reads a topic as a changelog by key: upserts, unchanged rows, tombstones', { skip: kafka.skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('upsert-source');
  await kafka.createTopic(topic, 2);
  const record = (user: string, value: object | null) => ({ key: JSON.stringify({ user_id: user }), value: value === null ? null : JSON.stringify(value) });
  // Per key, in order: u1 inserted, updated, repeated unchanged; u2 inserted then deleted; u3 deleted before it exists; u4 once.
  await kafka.produce(topic, [
    record('u1', { user_id: 'u1', clicks: 1 }), record('u2', { user_id: 'u2', clicks: 5 }), record('u3', null),
    record('u1', { user_id: 'u1', clicks: 2 }), record('u2', null), record('u1', { user_id: 'u1', clicks: 2 }),
    record('u4', { user_id: 'u4', clicks: 7 }),
  ]);
  const engine = new Engine();
  await engine.execute(`CREATE TABLE users (user_id STRING, clicks BIGINT, PRIMARY KEY (user_id) NOT ENFORCED) WITH (
    'connector' = 'upsert-kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
    'key.format' = 'json', 'value.format' = 'json', 'scan.bounded.mode' = 'latest-offset')`);
  assert.match(engine.explain('SELECT * FROM users'), /ChangelogNormalize\(key=\[user_id\]/);
  const changes: string[] = [];
  for await (const change of engine.query('SELECT user_id, clicks FROM users')) changes.push(`${change.op}${change.row.user_id}=${change.row.clicks}`);
  const perKey = (user: string) => changes.filter((c) => c.slice(2).startsWith(`${user}=`));
  assert.deepEqual(perKey('u1'), ['+Iu1=1', '-Uu1=1', '+Uu1=2']);
  assert.deepEqual(perKey('u2'), ['+Iu2=5', '-Du2=5']);
  assert.deepEqual(perKey('u3'), []);
  assert.deepEqual(perKey('u4'), ['+Iu4=7']);
  // An aggregate over the changelog retracts what the updates and deletes undo.
  const total = await engine.query('SELECT SUM(clicks) AS total, COUNT(*) AS users FROM users').toArray();
  assert.deepEqual(total, [{ total: 9n, users: 2n }]);
  await assert.rejects(
    engine.execute(`CREATE TABLE bad (user_id STRING, clicks BIGINT, PRIMARY KEY (user_id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka',
      'topic' = 't', 'properties.bootstrap.servers' = '${kafka.bootstrap}', 'key.format' = 'json', 'value.format' = 'json',
      'scan.startup.mode' = 'latest-offset'); SELECT * FROM bad`),
    /'scan.startup.mode' is not an option of 'upsert-kafka': it reads the topic from the earliest offset/,
  );
});
