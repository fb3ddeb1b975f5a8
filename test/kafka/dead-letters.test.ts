/**
 * 'scan.dead-letter.topic' against a real broker: malformed records go to the dead-letter topic unchanged, with
 * headers naming the error and the topic/partition/offset they came from, are counted as malformed, and the job
 * goes on with the good records.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();

interface DeadLetter {
  readonly value: string;
  readonly headers: Record<string, string>;
}

async function readDeadLetters(topic: string, expected: number): Promise<DeadLetter[]> {
  const consumer = kafka.client().consumer({ groupId: `dlq-reader-${topic}-${Date.now()}`, maxWaitTimeInMs: 100 });
  const letters: DeadLetter[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      letters.push({ value: message.value!.toString(), headers });
    },
  });
  const deadline = Date.now() + 20_000;
  while (letters.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await consumer.disconnect();
  return letters;
}

test('malformed records go to the dead-letter topic with the error and their place', { skip: kafka.skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('dlq-in');
  const deadLetterTopic = kafka.topic('dlq');
  await kafka.createTopic(topic, 1);
  await kafka.createTopic(deadLetterTopic, 1);
  await kafka.produce(topic, ['{"id": 1}', '{"id": oops}', '{"id": 3}', 'not json at all'].map((value) => ({ value })));
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
    'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'scan.dead-letter.topic' = '${deadLetterTopic}')`);
  const query = engine.query('SELECT id FROM t');
  const rows = await query.toArray();
  assert.deepEqual(rows.map((r) => r['id']), [1, 3]);
  const summary = await query.done();
  assert.equal(summary.tables.find((t) => t.table === 't')?.malformedRecords, 2);

  const letters = await readDeadLetters(deadLetterTopic, 2);
  assert.deepEqual(letters.map((l) => l.value), ['{"id": oops}', 'not json at all']);
  assert.deepEqual(letters.map((l) => [l.headers['sluice.topic'], l.headers['sluice.partition'], l.headers['sluice.offset'], l.headers['sluice.table']]), [
    [topic, '0', '1', 't'],
    [topic, '0', '3', 't'],
  ]);
  assert.match(letters[0]!.headers['sluice.error'] ?? '', /JSON/i);
});
