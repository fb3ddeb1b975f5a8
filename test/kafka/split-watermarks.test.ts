/** Per-split watermark bookkeeping (no broker): minimum over active splits, idleness, finished splits, fallback. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceSplitChannel, sourceSplitChannel } from '../../src/runtime/connector.js';
import { JobMetrics, OperatorMetrics, TableMetrics } from '../../src/runtime/metrics.js';
import { SplitWatermarks, WatermarkAssignerOperator } from '../../src/runtime/operators/watermark-assigner.js';
import type { OperatorContext } from '../../src/runtime/operator.js';
import { TIMESTAMP3 } from '../../src/common/types.js';
import { columnExpr } from '../../src/dataflow/expr.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { makeBatch } from '../../src/runtime/batch.js';
import { dataMessage } from '../../src/runtime/messages.js';
import { createStateBackend } from '../../src/runtime/state/index.js';

const NONE = Number.NEGATIVE_INFINITY;

function channel(splits: number, idleTimeoutMs = 0, finished: number[] = []): SourceSplitChannel {
  const c = new SourceSplitChannel();
  c.register();
  c.announce(Array.from({ length: splits }, (_, id) => ({ id, name: `t/${id}` })), idleTimeoutMs, finished);
  return c;
}

test('the watermark is the minimum over splits; a split without data holds it back', () => {
  const w = new SplitWatermarks(channel(3), 0);
  assert.equal(w.observe(0, 100, 100, 0), NONE);
  assert.equal(w.observe(1, 50, 50, 0), NONE, 'split 2 has produced nothing yet');
  assert.equal(w.observe(2, 70, 70, 0), 50);
  assert.equal(w.observe(1, 200, 200, 0), 70);
  assert.equal(w.observe(2, 60, 60, 0), 70, 'a split watermark never moves backwards');
  assert.deepEqual(w.describe('t', 0).map((s) => [s.split, s.watermark, s.records]), [[0, 100, 1], [1, 200, 2], [2, 70, 2]]);
});

test('idle splits are left out after the timeout; when all are idle the largest watermark counts', () => {
  const w = new SplitWatermarks(channel(2, 1000), 0);
  assert.equal(w.observe(0, 100, 100, 500), NONE);
  assert.equal(w.nextIdleDeadline(500), 1000, 'split 1 goes idle 1 s after the assigner first saw the splits');
  assert.equal(w.combined(999), NONE);
  assert.equal(w.combined(1000), 100, 'split 1 idle: split 0 alone');
  assert.equal(w.combined(1500), 100, 'both idle: the largest watermark');
  assert.equal(w.observe(1, 40, 40, 1600), 40, 'split 1 active again (the operator never lets the emitted watermark go back)');
  assert.deepEqual(w.describe('t', 1600).map((s) => s.idle), [true, false]);
});

test('finished splits do not hold the watermark back', () => {
  const w = new SplitWatermarks(channel(3, 0, [2]), 0);
  w.observe(0, 10, 10, 0);
  assert.equal(w.observe(1, 20, 20, 0), 10);
  w.finish([0]);
  assert.equal(w.combined(0), 20);
});

test('a second reader of the same table in one job turns split tracking off', () => {
  const metrics = new TableMetrics('t');
  const c = sourceSplitChannel(metrics);
  assert.equal(sourceSplitChannel(metrics), c);
  c.register();
  c.register();
  c.announce([{ id: 0, name: 't/0' }], 0);
  assert.equal(c.active, false);
  c.push(Int32Array.of(0));
  assert.equal(c.take(), undefined);
});

test('a split added while reading holds the watermark like one without data, and can go idle', () => {
  const c = channel(1, 1000);
  const w = new SplitWatermarks(c, 0);
  assert.equal(w.observe(0, 100, 100, 0), 100);
  c.addSplits([{ id: 1, name: 't/1' }]);
  w.sync(500);
  assert.equal(w.combined(500), NONE, 'split 1 has no watermark yet (the operator keeps its emitted one: never backwards)');
  assert.equal(w.observe(0, 200, 200, 600), NONE);
  assert.equal(w.observe(1, 150, 150, 700), 150, 'split 1 reached 150: the minimum moves on');
  c.addSplits([{ id: 2, name: 't/2' }]);
  w.sync(800);
  w.sync(800);
  assert.equal(w.observe(0, 300, 300, 1700), NONE, 'split 2 holds it back');
  assert.equal(w.nextIdleDeadline(1700), 1800, 'split 2 goes idle 1 s after it was added');
  assert.equal(w.combined(1799), NONE);
  assert.equal(w.combined(1800), 300, 'splits 1 (quiet since 700) and 2 idle: split 0 alone');
  assert.deepEqual(w.describe('t', 1800).map((s) => [s.split, s.records, s.idle]), [[0, 3, false], [1, 1, true], [2, 0, true]]);
});

test('a split whose idle deadline passes while a batch is emitted is still checked (its timer is not skipped)', async () => {
  const ROWS = schema([field('ts', TIMESTAMP3)]);
  let wall = 0;
  const jobMetrics = new JobMetrics();
  const c = sourceSplitChannel(jobMetrics.table('t'));
  c.register();
  c.announce([{ id: 0, name: 't/0' }, { id: 1, name: 't/1' }], 1000);
  const timers: { at: number; callback: () => Promise<void> | void }[] = [];
  const watermarks: number[] = [];
  const context: OperatorContext = {
    operatorId: 1, outputSchema: ROWS, inputSchema: ROWS, inputSchemas: [ROWS], state: createStateBackend({ kind: 'memory' }),
    jobMetrics, metrics: new OperatorMetrics(1, 'WatermarkAssigner'), currentWatermark: NONE,
    // Downstream is slow: by the time the batch has gone, both splits' idle deadlines have passed.
    emit: async () => void (wall += 5000),
    emitWatermark: async (timestamp) => void watermarks.push(timestamp),
    reportDropped: () => undefined,
    scheduleAt: (at, callback) => (timers.push({ at, callback }), () => timers.splice(timers.findIndex((t) => t.callback === callback), 1)),
  };
  const operator = new WatermarkAssignerOperator({ kind: 'watermark-assigner', table: 't', rowtimeIndex: 0, watermark: columnExpr(0, TIMESTAMP3), display: 'ts' }, () => wall);
  operator.open(context);
  c.push(Int32Array.of(0, 0));
  await operator.processBatch(dataMessage(makeBatch(ROWS, [[1000, 15_000]])), context);
  assert.deepEqual(watermarks, [], 'split 1 has no watermark and is not idle yet when the rows are read');
  assert.equal(timers.length, 1, 'an idle check is scheduled although its deadline has passed by now');
  assert.equal(timers[0]!.at, 1000);
  await timers.shift()!.callback();
  assert.deepEqual(watermarks, [15_000], 'both splits idle: the largest split watermark');
});
