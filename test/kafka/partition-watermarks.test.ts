/**
 * Per-partition watermarks on an unbounded kafka source: the table's watermark is the minimum over partitions, so a
 * partition behind holds a window back; with 'scan.watermark.idle-timeout' a quiet partition stops holding it.
 * SHOW WATERMARKS has one row per partition.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, type Change, type QueryResult, type StatementResult } from '../../src/index.js';
import { useKafka } from '../support/kafka.js';

const kafka = await useKafka();
const skip = kafka.skip;

const at = (second: number): string => `2024-01-01 00:00:${String(second).padStart(2, '0')}`;
const event = (partition: number, second: number) => ({ partition, value: JSON.stringify({ id: second, ts: at(second) }) });

/** Reads changes one at a time with a deadline; a pending read carries over to the next call. */
function changes(result: QueryResult): (withinMs: number) => Promise<Change | 'timeout'> {
  const iterator = result[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<Change>> | undefined;
  return async (withinMs) => {
    pending ??= iterator.next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([pending, new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), withinMs); })]);
    clearTimeout(timer);
    if (outcome === 'timeout') return outcome;
    pending = undefined;
    assert.equal(outcome.done, false);
    return outcome.value as Change;
  };
}

async function windowQuery(topic: string, extra: string): Promise<{ engine: Engine; result: QueryResult }> {
  const engine = new Engine();
  await engine.execute(`CREATE TABLE t (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset'${extra})`);
  const result = engine.query(`SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
    GROUP BY window_start, window_end`);
  return { engine, result };
}

async function showWatermarks(engine: Engine): Promise<(string | number | boolean | null)[][]> {
  const shown = (await engine.execute('SHOW WATERMARKS')) as StatementResult & { kind: 'table' };
  const column = (name: string): number => shown.columns.indexOf(name);
  return shown.rows
    .filter((row) => row[column('operator')] === 'source t')
    .map((row) => [row[column('split')], row[column('watermark')], row[column('idle')]] as (string | number | boolean | null)[]);
}

test('a partition behind holds the window back until it catches up; SHOW WATERMARKS shows each partition', { skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('behind');
  await kafka.createTopic(topic, 2);
  await kafka.produce(topic, [event(0, 1), event(0, 15), event(1, 2)]);
  const { engine, result } = await windowQuery(topic, '');
  try {
    const next = changes(result);
    assert.equal(await next(2_500), 'timeout', 'partition 1 is at 00:00:02: the window [0 s, 10 s) must wait');
    // A loaded broker may take longer than that to hand over both partitions' records: wait until it has.
    const deadline = Date.now() + 30_000;
    let splits = await showWatermarks(engine);
    while (splits.some(([, watermark]) => watermark === null) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      splits = await showWatermarks(engine);
    }
    assert.deepEqual(splits, [[0, `${at(15)}.000`, false], [1, `${at(2)}.000`, false]]);
    assert.equal(await next(500), 'timeout', 'both partitions read: the window still waits for partition 1');
    await kafka.produce(topic, [event(1, 12)]);
    const fired = await next(30_000);
    assert.notEqual(fired, 'timeout');
    assert.deepEqual((fired as Change).row, { window_start: `${at(0)}.000`, n: 2n });
  } finally {
    await result.cancel();
  }
});

test("an idle partition stops holding the watermark after 'scan.watermark.idle-timeout'", { skip, timeout: 120_000 }, async () => {
  const topic = kafka.topic('idle');
  await kafka.createTopic(topic, 2);
  await kafka.produce(topic, [event(0, 1), event(0, 15)]);
  const { engine, result } = await windowQuery(topic, ", 'scan.watermark.idle-timeout' = '1 s'");
  try {
    const fired = await changes(result)(30_000);
    // On a timeout, the message carries each partition's state (this test has failed rarely under a loaded CI).
    const state = fired === 'timeout' ? JSON.stringify(await showWatermarks(engine)) : '';
    assert.notEqual(fired, 'timeout', `partition 1 never produced anything: idle after 1 s, the window fires (splits: ${state})`);
    assert.deepEqual((fired as Change).row, { window_start: `${at(0)}.000`, n: 1n });
    const splits = await showWatermarks(engine);
    assert.deepEqual(splits[1], [1, null, true], 'partition 1: no watermark, idle');
    assert.equal(splits[0]![1], `${at(15)}.000`);
  } finally {
    await result.cancel();
  }
});
