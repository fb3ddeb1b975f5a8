/**
 * 'sink.delivery-guarantee' = 'exactly-once' against a real broker, through the real CLI: the job is killed right
 * after a checkpoint became durable but before its Kafka transaction committed, and again right after a commit;
 * restarted each time, a read_committed consumer finds every row in the topic exactly once. Without checkpoints the
 * sink refuses to start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'sluice.js');
const built = existsSync(join(dirname(bin), '..', 'dist', 'src', 'cli', 'main.js'));
const skip = kafka.skip || (built ? false : 'run npm run build first');
const ROWS = 4000;

function jobSql(topic: string, checkpointing: boolean): string {
  return `
${checkpointing ? "SET 'execution.checkpointing.interval' = '30 ms';" : ''}
SET 'pipeline.name' = 'to-kafka';
SET 'sluice.batch-size' = '50';
CREATE TABLE ids (id INT) WITH ('connector' = 'datagen', 'rows-per-second' = '1000', 'number-of-rows' = '${ROWS}',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '${ROWS - 1}');
CREATE TABLE out_ids (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'tx-${topic}');
INSERT INTO out_ids SELECT id FROM ids;`;
}

/** Every committed record (read_committed), waiting until `expected` arrived and a little longer for extras. */
async function committedIds(topic: string, expected: number): Promise<number[]> {
  const consumer = kafka.client().consumer({ groupId: `reader-${topic}-${Date.now()}`, maxWaitTimeInMs: 100 });
  const ids: number[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void ids.push((JSON.parse(message.value!.toString()) as { id: number }).id) });
  const deadline = Date.now() + 30_000;
  while (ids.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await consumer.disconnect();
  return ids.sort((a, b) => a - b);
}

test('killed between a durable checkpoint and its Kafka commit, and after a commit: each row once', { skip, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-kafka-eo-'));
  const topic = kafka.topic('eo');
  await kafka.createTopic(topic, 2);
  writeFileSync(join(dir, 'job.sql'), jobSql(topic, true));
  const run = (failpoint?: string) =>
    spawnSync(process.execPath, [bin, 'run', 'job.sql'], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, SLUICE_FAILPOINT: failpoint ?? '' } });
  let kills = 0;
  let finished = false;
  for (const failpoint of ['sink-commit@2', 'checkpoint-after-commit@2', 'checkpoint-after-commit@1', 'sink-commit@1']) {
    const attempt = run(failpoint);
    if (attempt.status === 0) {
      finished = true; // the job got to its end before this failpoint
      break;
    }
    assert.equal(attempt.signal, 'SIGKILL', `${failpoint}: ${attempt.stderr}`);
    kills++;
  }
  assert.ok(kills >= 2, `at least two kills landed (${kills})`);
  if (!finished) {
    const last = run();
    assert.equal(last.status, 0, last.stderr);
    assert.match(last.stderr, /resumed from checkpoint \d+|already finished in an earlier run/);
  }
  assert.deepEqual(await committedIds(topic, ROWS), Array.from({ length: ROWS }, (_, i) => i));
});

test('exactly-once without checkpoints is refused with the setting to add', { skip: kafka.skip, timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-kafka-eo-'));
  const topic = kafka.topic('eo-off');
  await kafka.createTopic(topic, 1);
  const engine = new Engine({ baseDirectory: dir });
  const results = [];
  for await (const { result } of engine.executeScript(jobSql(topic, false))) results.push(result);
  const last = results[results.length - 1]!;
  assert.equal(last.kind, 'job');
  await assert.rejects((last as { kind: 'job'; job: { done(): Promise<unknown> } }).job.done(), /'exactly-once' commits on checkpoints, and this job takes none/);
});
