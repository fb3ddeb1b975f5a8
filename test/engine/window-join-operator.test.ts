/** The window join operator driven directly: buffering per window, firing on the combined watermark, lateness. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordBatch } from 'apache-arrow';
import { INT, STRING, TIMESTAMP3 } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import type { Expr } from '../../src/dataflow/expr.js';
import type { WindowJoinSpec, WindowJoinType } from '../../src/dataflow/graph.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { dataMessage } from '../../src/runtime/messages.js';
import { JobMetrics, OperatorMetrics } from '../../src/runtime/metrics.js';
import type { OperatorContext } from '../../src/runtime/operator.js';
import { WindowJoinOperator } from '../../src/runtime/operators/window-join.js';
import { MemoryStateBackend } from '../../src/runtime/state/index.js';

const MIN = 60_000;
const SIDE: Schema = schema([field('num', INT), field('id', STRING), field('window_start', TIMESTAMP3), field('window_end', TIMESTAMP3)]);
const OUTPUT: Schema = schema([...SIDE.fields, ...SIDE.fields]);

function joinSpec(joinType: WindowJoinType, residual: Expr | null = null, keys: readonly number[] = [0]): WindowJoinSpec {
  const side = (lateTable: string) => ({ keys, windowStartIndex: 2, windowEndIndex: 3, lateTable });
  return { kind: 'window-join', joinType, window: { kind: 'tumble', size: 5 * MIN, offset: 0 }, left: side('L'), right: side('R'), residual };
}

interface Harness {
  readonly operator: WindowJoinOperator;
  readonly context: OperatorContext;
  readonly output: Value[][];
  readonly metrics: JobMetrics;
  setWatermark(watermark: number): Promise<void>;
}

function harness(spec: WindowJoinSpec): Harness {
  const output: Value[][] = [];
  const metrics = new JobMetrics();
  let watermark = Number.NEGATIVE_INFINITY;
  const context: OperatorContext = {
    operatorId: 7,
    outputSchema: OUTPUT,
    inputSchema: SIDE,
    inputSchemas: [SIDE, SIDE],
    state: new MemoryStateBackend(),
    jobMetrics: metrics,
    metrics: new OperatorMetrics(7, 'WindowJoin#7'),
    get currentWatermark() {
      return watermark;
    },
    emit: async (batch: RecordBatch) => {
      output.push(...batchRows(batch, OUTPUT));
    },
    emitWatermark: async () => {},
    reportDropped: () => {},
  };
  const operator = new WindowJoinOperator(spec);
  operator.open(context);
  return {
    operator, context, output, metrics,
    async setWatermark(next) {
      watermark = next;
      await operator.processWatermark(next, context);
    },
  };
}

/** Rows (num, id) in window [start, start + 5 min), as a batch of the side schema. */
function rows(start: number, ...values: [number | null, string][]): RecordBatch {
  return makeBatch(SIDE, [values.map((v) => v[0]), values.map((v) => v[1]), values.map(() => start), values.map(() => start + 5 * MIN)]);
}

const ids = (output: Value[][]) => output.map((r) => `${r[1] ?? '-'}/${r[5] ?? '-'}`);

test('nothing is emitted before the combined watermark reaches the window end; then each window once', async () => {
  const h = harness(joinSpec('inner'));
  h.operator.processBatch(dataMessage(rows(0, [1, 'L1'], [3, 'L3'])), h.context, 0);
  h.operator.processBatch(dataMessage(rows(0, [3, 'R3'], [3, 'R3b'])), h.context, 1);
  h.operator.processBatch(dataMessage(rows(5 * MIN, [3, 'L3next'])), h.context, 0);
  await h.setWatermark(5 * MIN - 2);
  assert.deepEqual(h.output, []);
  await h.setWatermark(5 * MIN - 1);
  assert.deepEqual(ids(h.output), ['L3/R3', 'L3/R3b']);
  await h.setWatermark(Number.POSITIVE_INFINITY);
  assert.deepEqual(ids(h.output), ['L3/R3', 'L3/R3b'], 'the second window has no right rows');
  assert.equal(h.context.state.mapState('7/left').size(), 0, 'state is purged after firing');
});

test('outer joins pad with NULLs: left rows in arrival order, then unmatched right rows', async () => {
  const expected: Record<WindowJoinType, string[]> = {
    inner: ['L3/R3'],
    left: ['L1/-', 'L3/R3', 'Lnull/-'],
    right: ['L3/R3', '-/R2', '-/Rnull'],
    full: ['L1/-', 'L3/R3', 'Lnull/-', '-/R2', '-/Rnull'],
  };
  for (const joinType of ['inner', 'left', 'right', 'full'] as const) {
    const h = harness(joinSpec(joinType));
    h.operator.processBatch(dataMessage(rows(0, [1, 'L1'], [3, 'L3'], [null, 'Lnull'])), h.context, 0);
    h.operator.processBatch(dataMessage(rows(0, [2, 'R2'], [null, 'Rnull'], [3, 'R3'])), h.context, 1);
    await h.setWatermark(Number.POSITIVE_INFINITY);
    assert.deepEqual(ids(h.output), expected[joinType], joinType);
  }
});

test('a residual condition decides matches; with no keys every pair of the window is a candidate', async () => {
  // residual: L.num < R.num (columns 0 and 4 of the joined row)
  const less: Expr = { kind: 'call', op: 'less', args: [{ kind: 'column', index: 0, type: INT }, { kind: 'column', index: 4, type: INT }], type: { kind: 'BOOLEAN' } };
  const h = harness(joinSpec('left', less, []));
  h.operator.processBatch(dataMessage(rows(0, [1, 'L1'], [5, 'L5'])), h.context, 0);
  h.operator.processBatch(dataMessage(rows(0, [2, 'R2'], [3, 'R3'])), h.context, 1);
  await h.setWatermark(Number.POSITIVE_INFINITY);
  assert.deepEqual(ids(h.output), ['L1/R2', 'L1/R3', 'L5/-']);
});

test('rows whose window fired under their own watermark are dropped and counted for their table', async () => {
  const h = harness(joinSpec('full'));
  // The left row arrived under a left watermark past its window's end: late, whatever the right side's progress.
  h.operator.processBatch(dataMessage(rows(0, [1, 'L1']), undefined, Float64Array.of(5 * MIN - 1)), h.context, 0);
  h.operator.processBatch(dataMessage(rows(0, [1, 'R1'])), h.context, 1);
  await h.setWatermark(5 * MIN - 1);
  // After the window fired, a right row for it is late too.
  h.operator.processBatch(dataMessage(rows(0, [1, 'R1late'])), h.context, 1);
  await h.setWatermark(Number.POSITIVE_INFINITY);
  assert.deepEqual(ids(h.output), ['-/R1']);
  assert.equal(h.metrics.table('L').lateRecords, 1);
  assert.equal(h.metrics.table('R').lateRecords, 1);
});
