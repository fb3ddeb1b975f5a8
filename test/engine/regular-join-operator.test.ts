/**
 * The regular join operator driven directly: Flink's changelog for outer joins (a NULL-padded row retracted with -D
 * when the first match arrives, re-emitted when the last match goes), retractions on either side, NULL keys, state
 * TTL on both backends, and a property test: for random insert/retract streams on both sides, interleaved and
 * batched at random, the materialised changelog equals a batch join of the final inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { RecordBatch } from 'apache-arrow';
import { BOOLEAN, INT, STRING } from '../../src/common/types.js';
import { ROW_KIND_NAMES, RowKind, type Value } from '../../src/common/values.js';
import type { Expr } from '../../src/dataflow/expr.js';
import type { RegularJoinSpec, WindowJoinType } from '../../src/dataflow/graph.js';
import { field, schema, type Schema } from '../../src/dataflow/schema.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { dataMessage } from '../../src/runtime/messages.js';
import { JobMetrics, OperatorMetrics } from '../../src/runtime/metrics.js';
import type { OperatorContext } from '../../src/runtime/operator.js';
import { RegularJoinOperator } from '../../src/runtime/operators/regular-join.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import type { StateBackend } from '../../src/runtime/state/backend.js';

const SIDE: Schema = schema([field('k', INT), field('v', STRING)]);
const OUTPUT: Schema = schema([...SIDE.fields, ...SIDE.fields]);
const JOIN_TYPES: readonly WindowJoinType[] = ['inner', 'left', 'right', 'full'];

/** `L.v <> R.v`-style residual: left v (column 1) less than right v (column 3). */
const LEFT_V_LESS: Expr = {
  kind: 'call', op: 'less', type: BOOLEAN,
  args: [{ kind: 'column', index: 1, type: STRING }, { kind: 'column', index: 3, type: STRING }],
};

type Row = readonly [k: number | null, v: string];

function harness(joinType: WindowJoinType, options: { residual?: Expr; stateTtl?: number; state?: StateBackend } = {}) {
  let now = 0;
  const output: string[] = [];
  const context: OperatorContext = {
    operatorId: 3,
    outputSchema: OUTPUT,
    inputSchema: SIDE,
    inputSchemas: [SIDE, SIDE],
    state: options.state ?? createStateBackend({ kind: 'memory' }),
    jobMetrics: new JobMetrics(),
    metrics: new OperatorMetrics(3, 'Join#3'),
    currentWatermark: Number.NEGATIVE_INFINITY,
    emit: async (batch: RecordBatch, emitted) => {
      batchRows(batch, OUTPUT).forEach((row, i) => {
        output.push(`${ROW_KIND_NAMES[emitted!.rowKinds![i]!]}${row.map((v) => (v === null ? '-' : String(v))).join(',')}`);
      });
    },
    emitWatermark: async () => {},
    reportDropped: () => {},
  };
  const spec: RegularJoinSpec = {
    kind: 'join', joinType, leftKeys: [0], rightKeys: [0], residual: options.residual ?? null,
    ...(options.stateTtl === undefined ? {} : { stateTtl: options.stateTtl }),
  };
  const operator = new RegularJoinOperator(spec, () => now);
  operator.open(context);
  const send = (side: 0 | 1, rows: readonly Row[], kinds?: readonly RowKind[]) =>
    operator.processBatch(
      dataMessage(makeBatch(SIDE, [rows.map((r) => r[0]), rows.map((r) => r[1])]), kinds ? Uint8Array.from(kinds) : undefined),
      context,
      side,
    );
  return { output, context, at: (millis: number) => void (now = millis), send };
}

test('LEFT join: the NULL-padded row is retracted (-D) when the first match arrives, and comes back when the last goes', async () => {
  const h = harness('left');
  await h.send(0, [[1, 'a'], [2, 'b']]);
  await h.send(1, [[1, 'x']]);
  await h.send(1, [[1, 'y']]);
  await h.send(1, [[1, 'x'], [1, 'y']], [RowKind.UpdateBefore, RowKind.Delete]);
  assert.deepEqual(h.output, [
    '+I1,a,-,-', '+I2,b,-,-',
    '-D1,a,-,-', '+I1,a,1,x',
    '+I1,a,1,y',
    '-D1,a,1,x',
    '-D1,a,1,y', '+I1,a,-,-',
  ]);
});

test('RIGHT and FULL joins pad the other side; an INNER join emits only pairs', async () => {
  for (const [joinType, expected] of [
    ['inner', ['+I1,a,1,x', '-D1,a,1,x']],
    ['right', ['+I-,-,1,x', '-D-,-,1,x', '+I1,a,1,x', '-D1,a,1,x', '+I-,-,1,x']],
    ['full', ['+I-,-,1,x', '-D-,-,1,x', '+I1,a,1,x', '-D1,a,1,x', '+I-,-,1,x', '+I3,c,-,-']],
  ] as const) {
    const h = harness(joinType);
    await h.send(1, [[1, 'x']]);
    await h.send(0, [[1, 'a']]);
    await h.send(0, [[1, 'a']], [RowKind.Delete]);
    await h.send(0, [[3, 'c']]);
    assert.deepEqual(h.output, expected, joinType);
  }
});

test('duplicates join once per copy; a NULL key matches nothing; retracting an unknown row does nothing', async () => {
  const h = harness('left');
  await h.send(0, [[1, 'a'], [1, 'a'], [null, 'n']]);
  await h.send(1, [[1, 'x'], [null, 'z']]);
  await h.send(0, [[9, 'never seen']], [RowKind.Delete]);
  await h.send(0, [[null, 'n']], [RowKind.Delete]);
  assert.deepEqual(h.output, ['+I1,a,-,-', '+I1,a,-,-', '+I-,n,-,-', '-D1,a,-,-', '-D1,a,-,-', '+I1,a,1,x', '+I1,a,1,x', '-D-,n,-,-']);
});

test('a residual condition is part of the match: outer rows stay padded when only the key matches', async () => {
  const h = harness('left', { residual: LEFT_V_LESS });
  await h.send(0, [[1, 'm']]);
  await h.send(1, [[1, 'a'], [1, 'z']]);
  assert.deepEqual(h.output, ['+I1,m,-,-', '-D1,m,-,-', '+I1,m,1,z']);
});

for (const kind of ['memory', 'sqlite'] as const) {
  test(`${kind}: state TTL drops a side's rows for a key idle that long; later rows no longer find them`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-join-ttl-'));
    const state = createStateBackend(kind === 'sqlite' ? { kind, directory } : { kind });
    try {
      const h = harness('inner', { stateTtl: 1000, state });
      h.at(0);
      await h.send(0, [[1, 'a']]);
      h.at(500);
      await h.send(0, [[2, 'b']]);
      h.at(1200);
      await h.send(1, [[1, 'x'], [2, 'y']]);
      assert.deepEqual(h.output, ['+I2,b,2,y'], 'the left row of key 1 (written at 0) expired at 1000');
      assert.equal(state.mapState<unknown>('3/left').size(), 1);
      assert.equal(state.mapState<unknown>('3/right').size(), 2);
    } finally {
      state.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
}

/** One input change: side, row, insert or retract. */
interface Step {
  readonly side: 0 | 1;
  readonly row: Row;
  readonly retract: boolean;
}

/** The join of two multisets, as rows (left then right), computed directly. */
function batchJoin(joinType: WindowJoinType, left: readonly Row[], right: readonly Row[], residual: boolean): string[] {
  const matches = (l: Row, r: Row) => l[0] !== null && l[0] === r[0] && (!residual || l[1] < r[1]);
  const out: string[] = [];
  const show = (values: readonly (Value | undefined)[]) => values.map((v) => (v === null || v === undefined ? '-' : String(v))).join(',');
  for (const l of left) {
    const ms = right.filter((r) => matches(l, r));
    for (const r of ms) out.push(show([...l, ...r]));
    if (ms.length === 0 && (joinType === 'left' || joinType === 'full')) out.push(show([...l, null, null]));
  }
  if (joinType === 'right' || joinType === 'full') {
    for (const r of right) if (!left.some((l) => matches(l, r))) out.push(show([null, null, ...r]));
  }
  return out.sort();
}

/** Applies a changelog to a multiset of rows; fails on a retraction of a row that is not there. */
function materialise(changes: readonly string[]): string[] {
  const rows: string[] = [];
  for (const change of changes) {
    const row = change.slice(2);
    if (change.startsWith('+')) rows.push(row);
    else {
      const at = rows.indexOf(row);
      assert.ok(at >= 0, `retraction of a row not in the result: ${change}`);
      rows.splice(at, 1);
    }
  }
  return rows.sort();
}

const rowArb = fc.tuple(fc.option(fc.integer({ min: 0, max: 3 }), { freq: 8 }), fc.constantFrom('a', 'b', 'c'));

test('property: the materialised changelog equals a batch join of the final inputs', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...JOIN_TYPES),
      fc.boolean(),
      fc.array(fc.record({ side: fc.constantFrom<0 | 1>(0, 1), row: rowArb, retract: fc.boolean() }), { maxLength: 40 }),
      fc.integer({ min: 1, max: 5 }),
      async (joinType, residual, raw, batchSize) => {
        // Keep only retractions of rows currently present, as a consistent changelog input would be.
        const present: [Row[], Row[]] = [[], []];
        const steps: Step[] = [];
        for (const step of raw) {
          const rows = present[step.side];
          if (step.retract) {
            const at = rows.findIndex((r) => r[0] === step.row[0] && r[1] === step.row[1]);
            if (at < 0) continue;
            rows.splice(at, 1);
          } else {
            rows.push(step.row);
          }
          steps.push(step);
        }
        const h = harness(joinType, residual ? { residual: LEFT_V_LESS } : {});
        // Consecutive steps of one side go in batches of up to `batchSize` rows.
        for (let i = 0; i < steps.length;) {
          const side = steps[i]!.side;
          const batch: Step[] = [];
          while (i < steps.length && steps[i]!.side === side && batch.length < batchSize) batch.push(steps[i++]!);
          await h.send(side, batch.map((s) => s.row), batch.map((s) => (s.retract ? RowKind.Delete : RowKind.Insert)));
        }
        assert.deepEqual(materialise(h.output), batchJoin(joinType, present[0], present[1], residual));
      },
    ),
    { numRuns: 300 },
  );
});
