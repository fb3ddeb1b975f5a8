/** The temporal join operator driven directly: versions by time, a -D ending a version, -U ignored, purging, lateness. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordBatch } from 'apache-arrow';
import { INT, STRING, timestamp } from '../../src/common/types.js';
import { RowKind, type Value } from '../../src/common/values.js';
import type { TemporalJoinSpec, WindowJoinType } from '../../src/dataflow/graph.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { dataMessage } from '../../src/runtime/messages.js';
import { JobMetrics, OperatorMetrics } from '../../src/runtime/metrics.js';
import type { DroppedRow, OperatorContext } from '../../src/runtime/operator.js';
import { TemporalJoinOperator } from '../../src/runtime/operators/temporal-join.js';
import { MemoryStateBackend } from '../../src/runtime/state/index.js';

const SIDE: Schema = schema([field('ts', timestamp(3, true)), field('k', INT), field('id', STRING)]);
const OUTPUT: Schema = schema([...SIDE.fields, ...SIDE.fields]);

function harness(joinType: WindowJoinType) {
  const output: string[] = [];
  const dropped: DroppedRow[] = [];
  const state = new MemoryStateBackend();
  let watermark = Number.NEGATIVE_INFINITY;
  const context: OperatorContext = {
    operatorId: 7, outputSchema: OUTPUT, inputSchema: SIDE, inputSchemas: [SIDE, SIDE], state, jobMetrics: new JobMetrics(),
    metrics: new OperatorMetrics(7, 'TemporalJoin#7'),
    get currentWatermark() {
      return watermark;
    },
    emit: async (batch: RecordBatch) => {
      for (const row of batchRows(batch, OUTPUT)) output.push([row[2], row[5]].map((v: Value) => v ?? '-').join(' '));
    },
    emitWatermark: async () => {},
    reportDropped: (row) => void dropped.push(row),
  };
  const spec: TemporalJoinSpec = {
    kind: 'temporal-join', joinType, leftKeys: [1], rightKeys: [1], residual: null, leftTimeIndex: 0, rightTimeIndex: 0, lateTable: 'L',
  };
  const operator = new TemporalJoinOperator(spec);
  operator.open(context);
  return {
    output, dropped,
    versions: () => [...state.mapState<{ time: number }[]>('7/right').entries(0)].flatMap(([, v]) => v.map((x) => x.time)),
    send: (side: 0 | 1, rows: readonly [number, number, string][], kinds?: RowKind[]) =>
      operator.processBatch(
        dataMessage(makeBatch(SIDE, [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])]), kinds ? Uint8Array.from(kinds) : undefined),
        context, side),
    advance: async (to: number) => {
      watermark = to;
      await operator.processWatermark(to, context);
    },
  };
}

test('each left row waits for the watermark and joins the version valid at its time; a -D ends a version, -U is ignored', async () => {
  const h = harness('left');
  await h.send(1, [[10, 1, 'v10'], [20, 1, 'v20'], [30, 1, 'v20-old'], [30, 1, 'gone']], [RowKind.Insert, RowKind.UpdateAfter, RowKind.UpdateBefore, RowKind.Delete]);
  await h.send(0, [[5, 1, 'a'], [15, 1, 'b'], [25, 1, 'c'], [35, 1, 'd'], [20, 1, 'e']]);
  assert.deepEqual(h.output, [], 'nothing before the watermark');
  await h.advance(20);
  assert.deepEqual(h.output, ['a -', 'b v10', 'e v20']);
  await h.advance(40);
  assert.deepEqual(h.output.slice(3), ['c v20', 'd -'], 'd (35) is after the deletion at 30');
});

test('versions older than the latest one at or below the watermark are purged; late left rows are dropped and reported', async () => {
  const h = harness('inner');
  await h.send(1, [[10, 1, 'v10'], [20, 1, 'v20'], [50, 1, 'v50']]);
  await h.advance(25);
  assert.deepEqual(h.versions(), [20, 50]);
  await h.send(0, [[22, 1, 'late'], [25, 1, 'at'], [60, 1, 'x']]);
  assert.deepEqual(h.output, ['at v20'], 'a row exactly at the watermark joins at once');
  assert.deepEqual(h.dropped.map((d) => d.values[2]), ['late']);
  await h.advance(60);
  assert.deepEqual(h.output.slice(1), ['x v50']);
  assert.deepEqual(h.versions(), [50]);
});
