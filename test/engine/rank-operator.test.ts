/**
 * The non-window Rank and Deduplicate operators on their own: state TTL with a fake clock (an idle partition or key
 * is dropped and starts over, as in Flink), a retraction of a row that is not there, a deduplication refusing an
 * updating input; and the pure result/changes helpers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordBatch } from 'apache-arrow';
import { BIGINT, INT, STRING } from '../../src/common/types.js';
import { ROW_KIND_NAMES, RowKind, type Value } from '../../src/common/values.js';
import type { DeduplicateSpec, RankSpec } from '../../src/dataflow/graph.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { dataMessage } from '../../src/runtime/messages.js';
import { JobMetrics, OperatorMetrics } from '../../src/runtime/metrics.js';
import type { Operator, OperatorContext } from '../../src/runtime/operator.js';
import { DeduplicateOperator } from '../../src/runtime/operators/deduplicate.js';
import { RankOperator } from '../../src/runtime/operators/rank.js';
import { rankChanges, removeRow, resultRows } from '../../src/runtime/operators/rank-changes.js';
import { MemoryStateBackend } from '../../src/runtime/state/index.js';

const INPUT = schema([field('k', STRING), field('price', INT)]);
const RANKED = schema([field('k', STRING), field('price', INT), field('rn', BIGINT, false)]);

function harness(make: (clock: () => number) => Operator, output: Schema) {
  let now = 0;
  const lines: string[] = [];
  const state = new MemoryStateBackend();
  const context: OperatorContext = {
    operatorId: 3,
    outputSchema: output,
    inputSchema: INPUT,
    inputSchemas: [INPUT],
    state,
    jobMetrics: new JobMetrics(),
    metrics: new OperatorMetrics(3, 'Op#3'),
    currentWatermark: Number.NEGATIVE_INFINITY,
    emit: async (batch: RecordBatch, options) => {
      batchRows(batch, output).forEach((row: Value[], i) => lines.push(`${ROW_KIND_NAMES[options!.rowKinds![i]!]}${row.join(',')}`));
    },
    emitWatermark: async () => {},
    reportDropped: () => {},
  };
  const operator = make(() => now);
  void operator.open?.(context);
  return {
    lines,
    state,
    at: (millis: number) => void (now = millis),
    send: async (rows: [string, number][], kinds?: RowKind[]) => {
      const batch = makeBatch(INPUT, [rows.map((r) => r[0]), rows.map((r) => r[1])]);
      await operator.processBatch(dataMessage(batch, kinds ? Uint8Array.from(kinds) : undefined), context);
    },
  };
}

const TOP2: RankSpec = {
  kind: 'rank', partitionKeys: [0], orderBy: [{ index: 1, descending: true, nullsFirst: false }],
  rankFunction: 'ROW_NUMBER', rankStart: 1, rankEnd: 2, outputRank: true, inputUpdates: true, stateTtl: 1000,
};

test('Rank with a state TTL: a partition idle for the TTL is dropped; its next row starts over at rank 1', async () => {
  const h = harness((clock) => new RankOperator(TOP2, clock), RANKED);
  h.at(0);
  await h.send([['a', 5], ['b', 1]]);
  h.at(600);
  await h.send([['a', 7]]);
  assert.deepEqual(h.lines.splice(0), ['+Ia,5,1', '+Ib,1,1', '-Ua,5,1', '+Ua,7,1', '+Ia,5,2']);
  h.at(1500);
  await h.send([]);
  assert.equal(h.state.mapState('3/ranks').size(), 1, 'b (last changed at 0) expired at 1000; a (at 600) is kept');
  await h.send([['b', 0]]);
  assert.deepEqual(h.lines.splice(0), ['+Ib,0,1'], 'b starts over: its earlier row is not remembered');
  // a retraction of a row that is not there (never seen, or expired) changes nothing
  await h.send([['a', 99], ['zz', 1]], [RowKind.UpdateBefore, RowKind.Delete]);
  assert.deepEqual(h.lines, []);
});

const KEEP_LAST: DeduplicateSpec = { kind: 'deduplicate', keys: [0], keep: 'last-row', order: 'proctime', timeIndex: 1, stateTtl: 1000 };

test('Deduplicate with a state TTL: an idle key is forgotten (+I again); with a TTL, an identical row is still emitted', async () => {
  const h = harness((clock) => new DeduplicateOperator(KEEP_LAST, clock), INPUT);
  h.at(0);
  await h.send([['a', 1], ['a', 1]]);
  assert.deepEqual(h.lines.splice(0), ['+Ia,1', '-Ua,1', '+Ua,1']);
  h.at(2000);
  await h.send([['a', 1]]);
  assert.deepEqual(h.lines.splice(0), ['+Ia,1']);
});

test('Deduplicate refuses an updating input', async () => {
  const h = harness((clock) => new DeduplicateOperator({ ...KEEP_LAST, stateTtl: undefined }, clock), INPUT);
  await assert.rejects(h.send([['a', 1]], [RowKind.Delete]), /Deduplication over an updating input is not supported/);
});

test('resultRows ranks within the range; rankChanges pairs positions or lists rows entering and leaving', () => {
  const orderBy = [{ index: 0, descending: false, nullsFirst: true }];
  const rows: Value[][] = [[1], [2], [2], [4]];
  const range = (rankFunction: 'ROW_NUMBER' | 'RANK' | 'DENSE_RANK', start: number, end: number) => ({ rankFunction, start, end });
  const ranks = (fn: 'ROW_NUMBER' | 'RANK' | 'DENSE_RANK', start: number, end: number) => resultRows(rows, orderBy, range(fn, start, end)).map((r) => `${String(r.row[0])}@${r.rank}`);
  assert.deepEqual(ranks('ROW_NUMBER', 2, 3), ['2@2', '2@3']);
  assert.deepEqual(ranks('RANK', 1, 3), ['1@1', '2@2', '2@2']);
  assert.deepEqual(ranks('RANK', 3, 4), ['4@4']);
  assert.deepEqual(ranks('DENSE_RANK', 3, 3), ['4@3']);
  const before = resultRows(rows, orderBy, range('ROW_NUMBER', 1, 2));
  const next = [...rows];
  assert.equal(removeRow(next, [1], orderBy), 0);
  assert.equal(removeRow(next, [3], orderBy), -1);
  const after = resultRows(next, orderBy, range('ROW_NUMBER', 1, 2));
  const text = (changes: ReturnType<typeof rankChanges>) => changes.map((c) => `${ROW_KIND_NAMES[c.kind]}${String(c.row[0])}@${c.rank}`);
  assert.deepEqual(text(rankChanges(before, after, true)), ['-U1@1', '+U2@1']);
  assert.deepEqual(text(rankChanges(before, after, false)), ['-D1@1', '+I2@2']);
});
