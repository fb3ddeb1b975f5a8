/**
 * The interval join operator driven directly: matching within bounds, purging by watermark, padding, lateness; on
 * processing time, with a fake clock and timers: arrival times, purging on the clock, padding at the end of input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordBatch } from 'apache-arrow';
import { INT, STRING, timestamp } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import type { IntervalJoinSpec, WindowJoinType } from '../../src/dataflow/graph.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { dataMessage } from '../../src/runtime/messages.js';
import { JobMetrics, OperatorMetrics } from '../../src/runtime/metrics.js';
import type { DroppedRow, OperatorContext } from '../../src/runtime/operator.js';
import { IntervalJoinOperator } from '../../src/runtime/operators/interval-join.js';
import { MemoryStateBackend } from '../../src/runtime/state/index.js';

const SIDE: Schema = schema([field('ts', timestamp(3, true)), field('k', INT), field('id', STRING)]);
const OUTPUT: Schema = schema([...SIDE.fields, ...SIDE.fields]);

/** left.ts − right.ts in [−10, 0]: a left row joins right rows up to 10 ms after it. */
function spec(joinType: WindowJoinType, processing = false): IntervalJoinSpec {
  return {
    kind: 'interval-join', joinType, lowerBound: -10, upperBound: 0, residual: null, ...(processing ? { timeMode: 'processing' as const } : {}),
    left: { keys: [1], timeIndex: 0, lateTable: 'L' }, right: { keys: [1], timeIndex: 0, lateTable: 'R' },
  };
}

function harness(joinType: WindowJoinType, processing = false) {
  const clock = { now: 0 };
  const timers: { at: number; callback: () => Promise<void> | void; cancelled: boolean }[] = [];
  const output: string[] = [];
  const watermarks: number[] = [];
  const dropped: DroppedRow[] = [];
  const state = new MemoryStateBackend();
  const metrics = new JobMetrics();
  let watermark = Number.NEGATIVE_INFINITY;
  const context: OperatorContext = {
    operatorId: 5, outputSchema: OUTPUT, inputSchema: SIDE, inputSchemas: [SIDE, SIDE], state, jobMetrics: metrics,
    metrics: new OperatorMetrics(5, 'IntervalJoin#5'),
    get currentWatermark() {
      return watermark;
    },
    emit: async (batch: RecordBatch) => {
      for (const row of batchRows(batch, OUTPUT)) output.push([row[2], row[5]].map((v: Value) => v ?? '-').join(' '));
    },
    emitWatermark: async (timestamp) => void watermarks.push(timestamp),
    reportDropped: (row) => void dropped.push(row),
    scheduleAt: (at, callback) => {
      const timer = { at, callback, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  };
  const operator = new IntervalJoinOperator(spec(joinType, processing), () => clock.now);
  operator.open(context);
  return {
    output, watermarks, dropped, metrics, operator, context,
    /** Moves the fake wall clock to `to`, firing the timers due by then. */
    tick: async (to: number) => {
      clock.now = to;
      for (const timer of [...timers]) {
        if (timer.cancelled || timer.at > to) continue;
        timers.splice(timers.indexOf(timer), 1);
        await timer.callback();
      }
    },
    pendingTimers: () => timers.filter((t) => !t.cancelled).map((t) => t.at),
    stored: () => state.mapState<unknown>('5/left').size() + state.mapState<unknown>('5/right').size(),
    send: (side: 0 | 1, rows: readonly [number, number, string][]) =>
      operator.processBatch(dataMessage(makeBatch(SIDE, [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])])), context, side),
    advance: async (to: number) => {
      watermark = to;
      await operator.processWatermark(to, context);
    },
  };
}

test('pairs within the bounds join at once; rows are purged when the watermark passes their bounds; unmatched outer rows are padded then', async () => {
  const h = harness('full');
  await h.send(0, [[100, 1, 'l1'], [100, 2, 'l2']]);
  await h.send(1, [[105, 1, 'r1'], [111, 1, 'r2'], [103, 3, 'r3']]);
  assert.deepEqual(h.output, ['l1 r1'], 'r2 is 11 ms after l1: outside');
  await h.advance(104);
  assert.deepEqual(h.output.slice(1), ['- r3'], 'r3 (103) can match no left row after the watermark 104: padded');
  await h.advance(109);
  assert.deepEqual(h.output.slice(2), [], 'left rows at 100 wait until the watermark reaches 110');
  await h.advance(110);
  assert.deepEqual(h.output.slice(2), ['l2 -'], 'l2 never matched; r1 (purged at 105) had matched');
  await h.advance(200);
  assert.deepEqual(h.output.slice(3), ['- r2']);
  assert.equal(h.stored(), 0, 'nothing left in state');
});

test('rows at or below the watermark are late: dropped, counted and reported for their table', async () => {
  const h = harness('inner');
  await h.advance(50);
  await h.send(1, [[50, 1, 'late'], [60, 1, 'ok']]);
  await h.send(0, [[55, 1, 'l']]);
  assert.deepEqual(h.output, ['l ok']);
  assert.equal(h.metrics.table('R').lateRecords, 1);
  assert.deepEqual(h.dropped.map((d) => `${d.table} ${d.values.join(',')} ${d.reason} ${d.watermark}`), ['R 50,1,late late 50']);
});

test('the output watermark is held back by the interval, so a window downstream has not fired past a late-emitted pair', async () => {
  const h = harness('inner');
  assert.equal(h.operator.forwardsWatermarks, false, 'the task leaves watermarks to the operator');
  await h.send(0, [[100, 1, 'L1']]);
  await h.advance(105);
  assert.deepEqual(h.watermarks, [95], 'held back by max(0, -lower, upper) = 10 ms');
  await h.send(1, [[108, 1, 'R1']]);
  assert.deepEqual(h.output, ['L1 R1'], 'the pair carries left time 100, above the held-back watermark 95');
  await h.advance(104);
  await h.advance(Number.POSITIVE_INFINITY);
  assert.deepEqual(h.watermarks, [95, Number.POSITIVE_INFINITY], 'never backwards; the final watermark passes through');
});

test('processing time: rows join by their arrival times on the clock, never late; purged (outer rows padded) by a timer', async () => {
  const h = harness('full', true);
  await h.tick(1000);
  await h.send(0, [[5, 1, 'l1'], [5, 2, 'l2']]); // the ts column is ignored: arrival at 1000
  await h.tick(1004);
  await h.send(1, [[1, 1, 'r1'], [999_999, 3, 'r3']]);
  assert.deepEqual(h.output, ['l1 r1'], 'r1 arrived 4 ms after l1: within [0, 10] ms after');
  assert.equal(h.metrics.table('R').lateRecords, 0, 'nothing is late on processing time');
  assert.deepEqual(h.pendingTimers(), [1005], 'one timer, for the earliest expiry (r3 at 1004 + 0) + 1 ms');
  await h.tick(1005);
  assert.deepEqual(h.output.slice(1), ['- r3'], 'r3 can meet no later left row: padded');
  assert.deepEqual(h.pendingTimers(), [1011], 'then the left rows (1000 + 10) + 1 ms');
  await h.tick(1010);
  await h.send(1, [[0, 2, 'r2']]);
  assert.deepEqual(h.output.slice(2), ['l2 r2'], 'a right row arriving exactly 10 ms after l2 still meets it');
  await h.tick(1011);
  assert.deepEqual(h.output.slice(3), [], 'l1 and l2 both matched; r1, r2 expired matched');
  await h.operator.processWatermark(77, h.context);
  assert.deepEqual(h.watermarks, [77], 'watermarks pass through unchanged');
  assert.equal(h.stored(), 0);
});

test('processing time: when the input ends, unmatched rows of an outer side are padded at once', async () => {
  const h = harness('left', true);
  await h.tick(2000);
  await h.send(0, [[0, 1, 'l1'], [0, 9, 'l9']]);
  await h.send(1, [[0, 1, 'r1']]);
  await h.operator.endOfInput!(h.context);
  assert.deepEqual(h.output, ['l1 r1', 'l9 -']);
  assert.equal(h.stored(), 0);
  assert.deepEqual(h.pendingTimers(), []);
});
