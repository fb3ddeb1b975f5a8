/**
 * Busy and backpressured time per operator (Flink's busyTimeMsPerSecond / backPressuredTimeMsPerSecond, summed):
 * an operator's own work counts as its busy time, and the time it waits for a slow operator downstream as its
 * backpressured time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../src/index.js';
import { registerSpinFunction } from '../support/spin-function.js';

const ROWS = 100;
const SPIN_MS = 3;

test('a slow operator is busy; the operators upstream of it are backpressured, those downstream are not', async () => {
  const engine = new Engine({ config: { 'sluice.batch-size': '10' } });
  try {
    registerSpinFunction(engine, 'slow', 'BIGINT', SPIN_MS);
    await engine.execute(`CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '${ROWS}', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '${ROWS}');
      CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole')`);
    const started = await engine.execute('INSERT INTO sink SELECT slow(id) FROM src');
    assert.equal(started.kind, 'job');
    if (started.kind === 'job') await started.job.done();
    const [job] = engine.jobDetails();
    const [source, calc, sink] = job!.vertices;
    assert.deepEqual([source!.name, calc!.name, sink!.name].map((name) => name.replace(/#\d+$/, '')), ['TableSourceScan', 'Calc', 'Sink']);
    const spun = ROWS * SPIN_MS;
    assert.ok(calc!.busyMs >= spun * 0.95, `Calc busy ${calc!.busyMs} ms, spun ${spun} ms`);
    assert.ok(source!.backpressuredMs >= spun * 0.95, `the source waited ${source!.backpressuredMs} ms for the Calc`);
    assert.ok(calc!.backpressuredMs < spun / 2, `Calc waited ${calc!.backpressuredMs} ms for the sink`);
    assert.ok(sink!.busyMs < spun / 2, `Sink busy ${sink!.busyMs} ms`);
    assert.ok(calc!.busyMs + calc!.backpressuredMs <= source!.backpressuredMs + 2, "the source's wait covers the Calc's busy and backpressured time");
  } finally {
    await engine.close();
  }
});
