/**
 * Consumer lag: a Kafka source reports, per topic/partition, how many records it is behind the partition's end — in
 * the job's table counters, the REST API and Prometheus — and 0 once it has caught up.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine } from '../../src/index.js';
import { registerSpinFunction } from '../support/spin-function.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();
const skip = kafka.skip;

const RECORDS = 1_500;

test('a slow job is behind its partitions; caught up, its lag is 0', { skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('lag');
  await kafka.createTopic(topic, 2);
  await kafka.produce(topic, Array.from({ length: RECORDS }, (_, i) => ({ partition: i % 2, value: JSON.stringify({ id: i }) })));
  const engine = new Engine({ config: { 'sluice.batch-size': '10', 'rest.port': '0' } });
  try {
    registerSpinFunction(engine, 'slow', 'INT', 1);
    await engine.execute(`CREATE TABLE t (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
        'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
      CREATE TABLE out (id INT) WITH ('connector' = 'blackhole')`);
    const started = await engine.execute('INSERT INTO out SELECT slow(id) FROM t');
    assert.ok(started.kind === 'job');
    let behind: Record<string, number> | undefined;
    for (let i = 0; i < 3000 && behind === undefined; i++) {
      const lag = started.job.counters().find((c) => c.table === 't')?.lag;
      if (lag && Object.values(lag).some((n) => n > 0)) behind = lag;
      else await sleep(10);
    }
    assert.ok(behind, 'the slow job falls behind');
    assert.deepEqual(Object.keys(behind).sort(), [`${topic}/0`, `${topic}/1`].filter((k) => k in behind!).sort());
    assert.ok(Object.values(behind).every((n) => n >= 0 && n <= RECORDS / 2));
    const metrics = await (await fetch(`${engine.monitoringUrl}metrics`)).text();
    assert.match(metrics, new RegExp(`^sluice_source_lag_records\\{job="insert-into_out",job_id="[0-9a-f]{32}",table="t",split="${topic}/[01]"\\} \\d+$`, 'm'));
    const summary = await started.job.done();
    assert.deepEqual(summary.tables.find((t) => t.table === 't')?.lag, { [`${topic}/0`]: 0, [`${topic}/1`]: 0 }, 'caught up at the end');
  } finally {
    await engine.close();
  }
});
