/**
 * A job whose input is always ready still lets timers and I/O run (the REST server, processing-time timers, Kafka
 * heartbeats): its sources take an event-loop turn every few dozen milliseconds of pushing batches.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromArrays, type RecordBatch } from 'apache-arrow';
import { Engine } from '../../src/index.js';
import { registerSpinFunction } from '../support/spin-function.js';

/** 2,000 ids as ready Arrow batches of 10 rows: a source that never waits for anything. */
function readyBatches(): RecordBatch[] {
  const table = tableFromArrays({ id: BigInt64Array.from({ length: 2000 }, (_, i) => BigInt(i)) });
  const batches: RecordBatch[] = [];
  for (let start = 0; start < table.numRows; start += 10) batches.push(...table.slice(start, start + 10).batches);
  return batches;
}

test('a timer set while a busy job runs fires long before the job ends', async () => {
  const engine = new Engine({ config: { 'sluice.batch-size': '10' } });
  try {
    registerSpinFunction(engine, 'busy', 'BIGINT', 0.5);
    engine.registerTable('src', { columns: [{ name: 'id', type: 'BIGINT' }], batches: readyBatches() });
    await engine.execute("CREATE TABLE out (id BIGINT) WITH ('connector' = 'blackhole')");
    const started = await engine.execute('INSERT INTO out SELECT busy(id) FROM src');
    assert.ok(started.kind === 'job');
    const begin = performance.now();
    let firedAfter: number | undefined;
    setTimeout(() => (firedAfter = performance.now() - begin), 20);
    await started.job.done();
    const tookMs = performance.now() - begin;
    assert.ok(tookMs > 800, `the job is busy for a while (${Math.round(tookMs)} ms)`);
    assert.ok(firedAfter !== undefined && firedAfter < 300, `the 20 ms timer fired after ${Math.round(firedAfter ?? -1)} ms of a ${Math.round(tookMs)} ms job`);
  } finally {
    await engine.close();
  }
});
