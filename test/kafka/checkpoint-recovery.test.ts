/**
 * A checkpointed job reading Kafka (unbounded, two partitions) into the filesystem sink: cancelled mid-stream and
 * run again, it resumes at the checkpointed offsets — every record lands in the committed output exactly once,
 * including records produced while it was down.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine, type JobHandle, type StatementResult } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();

function committedIds(dir: string): number[] {
  const out = join(dir, 'out');
  if (!existsSync(out)) return [];
  return readdirSync(out)
    .filter((f) => !f.startsWith('.'))
    .flatMap((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean).map(Number));
}

async function produce(topic: string, from: number, to: number): Promise<void> {
  await kafka.produce(topic, Array.from({ length: to - from }, (_, i) => ({ partition: (from + i) % 2, value: JSON.stringify({ id: from + i }) })));
}

async function start(dir: string, topic: string): Promise<JobHandle> {
  const engine = new Engine({ baseDirectory: dir });
  const results: StatementResult[] = [];
  for await (const { result } of engine.executeScript(`
    SET 'execution.checkpointing.interval' = '50 ms';
    SET 'pipeline.name' = 'kafka-ids';
    CREATE TABLE ids (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
      'format' = 'json', 'scan.startup.mode' = 'earliest-offset');
    CREATE TABLE out_ids (id INT) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv');
    INSERT INTO out_ids SELECT id FROM ids;`)) results.push(result);
  const last = results[results.length - 1]!;
  assert.equal(last.kind, 'job');
  return (last as { kind: 'job'; job: JobHandle }).job;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

test('cancelled and restarted, a Kafka job resumes at its checkpointed offsets: each record once', { skip: kafka.skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-kafka-recovery-'));
  const topic = kafka.topic('recovery');
  await kafka.createTopic(topic, 2);
  await produce(topic, 0, 2000);
  const first = await start(dir, topic);
  await waitFor(() => committedIds(dir).length >= 500, '500 committed rows');
  await first.cancel();
  const afterFirst = committedIds(dir).length;

  await produce(topic, 2000, 3000);
  const second = await start(dir, topic);
  await waitFor(() => committedIds(dir).length >= 3000, 'all 3000 rows');
  await sleep(200); // a duplicate would show up in the next checkpoints
  await second.cancel();
  const ids = committedIds(dir).sort((a, b) => a - b);
  assert.ok(afterFirst < 3000);
  assert.deepEqual(ids, Array.from({ length: 3000 }, (_, i) => i));
});
