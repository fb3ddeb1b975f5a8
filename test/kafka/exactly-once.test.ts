/**
 * 'sink.delivery-guarantee' = 'exactly-once' against a real broker, through the real CLI: a windowed aggregation is
 * killed with SIGKILL right after a checkpoint became durable but before its Kafka transaction committed, and right
 * after a commit; restarted each time, a read_committed consumer finds every window result in the topic exactly
 * once. Without checkpoints the sink refuses to start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';
import { cliBuilt } from '../support/cli-build.js';

const kafka = await useKafka();
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'sluice.js');
const skip = kafka.skip || (cliBuilt() ? false : 'run npm run build first');
const ROWS = 60_000;
/** One-second windows of 100 rows each (a row every 10 ms of event time). */
const WINDOWS = ROWS / 100;

function jobSql(topic: string, checkpointing: boolean): string {
  return `
${checkpointing ? "SET 'execution.checkpointing.interval' = '30 ms';" : ''}
SET 'pipeline.name' = 'to-kafka';
SET 'sluice.batch-size' = '50';
CREATE TABLE events (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
CREATE TABLE windows (window_start TIMESTAMP(3), n BIGINT) WITH ('connector' = 'kafka', 'topic' = '${topic}',
  'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'tx-${topic}');
INSERT INTO windows SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND))
  GROUP BY window_start, window_end;`;
}

function writeEvents(dir: string): void {
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`{"id":${i},"ts":"${new Date(Date.UTC(2026, 0, 1) + i * 10).toISOString().replace('T', ' ').replace('Z', '')}"}`);
  }
  writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
}

/** Every committed record's value (read_committed), waiting until `expected` arrived and a little longer for extras. */
async function committedValues(topic: string, expected: number): Promise<string[]> {
  const consumer = kafka.client().consumer({ groupId: `reader-${topic}-${Date.now()}`, maxWaitTimeInMs: 100 });
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
  const deadline = Date.now() + 30_000;
  while (values.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await consumer.disconnect();
  return values.sort();
}

test('killed between a durable checkpoint and its Kafka commit, and after a commit: each window result once', { skip, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-kafka-eo-'));
  writeEvents(dir);
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
  const expected = Array.from({ length: WINDOWS }, (_, w) =>
    JSON.stringify({ window_start: new Date(Date.UTC(2026, 0, 1) + w * 1000).toISOString().replace('T', ' ').replace('.000Z', ''), n: 100 }),
  ).sort();
  assert.deepEqual(await committedValues(topic, WINDOWS), expected);
});

test('exactly-once without checkpoints is refused with the setting to add', { skip: kafka.skip, timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-kafka-eo-'));
  writeFileSync(join(dir, 'events.jsonl'), '{"id":1,"ts":"2026-01-01 00:00:00"}\n');
  const topic = kafka.topic('eo-off');
  await kafka.createTopic(topic, 1);
  const engine = new Engine({ baseDirectory: dir });
  const results = [];
  for await (const { result } of engine.executeScript(jobSql(topic, false))) results.push(result);
  const last = results[results.length - 1]!;
  assert.equal(last.kind, 'job');
  await assert.rejects((last as { kind: 'job'; job: { done(): Promise<unknown> } }).job.done(), /'exactly-once' commits on checkpoints, and this job takes none/);
});
