/**
 * Sliced HOP / CUMULATE window aggregation against the per-window path (`slicing: false`): random out-of-order input
 * with late rows, several keys, windows whose slide or step need not divide the size, allowed lateness, early firing,
 * GROUPING SETS, retractions, random batch and watermark-message boundaries and a stop-and-resume from the operator's
 * snapshot midway must give identical changelogs (row kinds, rows, the watermarks they carry) and late counts, on
 * the in-memory and the SQLite state backends. Also: which operators slice at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DOUBLE, INT, STRING, TIMESTAMP3, type DataType } from '../../src/common/types.js';
import { RowKind, type Value } from '../../src/common/values.js';
import type { AggregateCall, AggregateFunctionName, GraphNode, WindowAggregateSpec, WindowSpec } from '../../src/dataflow/graph.js';
import type { Schema } from '../../src/dataflow/schema.js';
import { aggregateResultType } from '../../src/runtime/aggregates/index.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { dataMessage, NO_WATERMARK, type Message } from '../../src/runtime/messages.js';
import { JobMetrics } from '../../src/runtime/metrics.js';
import { WindowAggregateOperator } from '../../src/runtime/operators/window-aggregate.js';
import { MemoryStateBackend, SqliteStateBackend } from '../../src/runtime/state/index.js';
import type { StateBackend } from '../../src/runtime/state/backend.js';
import { Task } from '../../src/runtime/task.js';
import { sliceGeometry } from '../../src/runtime/windows/slices.js';
import { assignWindows } from '../../src/runtime/windows/assigners.js';

const INPUT: Schema = {
  fields: [
    { name: 'ts', type: TIMESTAMP3, nullable: false },
    { name: 'k', type: STRING, nullable: true },
    { name: 'v', type: INT, nullable: true },
    { name: 'd', type: DOUBLE, nullable: true },
  ],
};

function call(fn: AggregateFunctionName, argIndex: number | null, argType: DataType | null, distinct = false): AggregateCall {
  return { fn, argIndex, argType, distinct, type: aggregateResultType(fn, argType), display: `${fn}(…)` };
}

const APPEND_CALLS: AggregateCall[] = [
  call('COUNT', null, null),
  call('COUNT', 2, INT),
  call('SUM', 2, INT),
  call('MIN', 2, INT),
  call('MAX', 2, INT),
  call('COUNT', 2, INT, true),
  call('AVG', 2, INT),
  call('COUNT', 3, DOUBLE, true),
];
const UPDATE_CALLS: AggregateCall[] = [call('COUNT', null, null), call('COUNT', 2, INT), call('SUM', 2, INT), call('AVG', 2, INT), call('VAR_POP', 2, INT)];

interface Row {
  readonly t: number;
  readonly k: string | null;
  readonly v: number | null;
  readonly d: number | null;
  readonly kind: RowKind;
  readonly watermark: number;
}

type Step = { readonly kind: 'rows'; readonly rows: readonly Row[] } | { readonly kind: 'watermark'; readonly at: number } | { readonly kind: 'resume' };

interface Scenario {
  readonly spec: WindowAggregateSpec;
  readonly steps: readonly Step[];
}

interface Outcome {
  readonly changes: string[];
  readonly late: number;
  readonly sliced: boolean;
}

async function run(scenario: Scenario, slicing: boolean, backend: 'memory' | 'sqlite'): Promise<Outcome> {
  const dir = backend === 'sqlite' ? mkdtempSync(join(tmpdir(), 'sluice-slicing-')) : undefined;
  const state: StateBackend = dir ? new SqliteStateBackend(dir) : new MemoryStateBackend();
  try {
    const { spec } = scenario;
    const keyWidth = spec.keys.length + (spec.groupingSets ? 1 : 0);
    const output: Schema = {
      fields: [
        ...Array.from({ length: keyWidth }, (_, i) => ({ name: `k${i}`, type: i < spec.keys.length ? STRING : aggregateResultType('COUNT', null), nullable: true })),
        { name: 'window_start', type: TIMESTAMP3, nullable: false },
        { name: 'window_end', type: TIMESTAMP3, nullable: false },
        { name: 'window_time', type: TIMESTAMP3, nullable: false },
        ...spec.aggregates.map((a, i) => ({ name: `a${i}`, type: a.type, nullable: true })),
      ],
    };
    const node: GraphNode = { id: 2, spec, inputs: [{ from: 1, partitioning: { kind: 'forward' } }], schema: output, changelog: 'updates' };
    const metrics = new JobMetrics();
    const changes: string[] = [];
    let sliced = false;
    let lastWatermark = NO_WATERMARK;
    const start = async (restoreFrom?: unknown): Promise<{ task: Task; operator: WindowAggregateOperator }> => {
      const operator = new WindowAggregateOperator(spec, { slicing });
      const task = new Task(node, 'WindowAggregate#2', operator, INPUT, state, metrics);
      task.connect({
        receive: async (_input, message) => {
          if (message.kind !== 'data') return;
          const rows = batchRows(message.batch, output);
          rows.forEach((row, i) => {
            const kind = message.rowKinds ? message.rowKinds[i]! : RowKind.Insert;
            changes.push(`${kind} ${JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))} @${message.watermarks?.[i] ?? '-'}`);
          });
        },
      }, 0);
      await task.open();
      if (restoreFrom !== undefined) {
        await task.restore({ watermarks: { watermark: lastWatermark, inputWatermarks: [lastWatermark], inputIdle: [false], idle: false }, operatorState: structuredClone(restoreFrom) });
      }
      sliced ||= operator.sliced;
      return { task, operator };
    };
    let current = await start();
    for (const step of scenario.steps) {
      if (step.kind === 'rows') {
        const { rows } = step;
        const batch = makeBatch(INPUT, [rows.map((r) => r.t), rows.map((r) => r.k), rows.map((r) => r.v), rows.map((r) => r.d)], rows.length);
        const kinds = rows.some((r) => r.kind !== RowKind.Insert) ? Uint8Array.from(rows.map((r) => r.kind)) : undefined;
        await current.task.receive(0, dataMessage(batch, kinds, Float64Array.from(rows.map((r) => r.watermark))));
      } else if (step.kind === 'watermark') {
        lastWatermark = Math.max(lastWatermark, step.at);
        await current.task.receive(0, { kind: 'watermark', timestamp: step.at } as Message);
      } else {
        const snapshot = current.operator.snapshotState();
        state.flush();
        await current.task.close();
        current = await start(snapshot);
      }
    }
    await current.task.receive(0, { kind: 'end-of-input' });
    return { changes, late: metrics.table('T').lateRecords, sliced };
  } finally {
    state.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const windowArb: fc.Arbitrary<WindowSpec> = fc.oneof(
  fc.record({ slide: fc.integer({ min: 1, max: 6 }), extra: fc.integer({ min: 0, max: 18 }), offset: fc.integer({ min: 0, max: 5 }) })
    .map(({ slide, extra, offset }): WindowSpec => ({ kind: 'hop', size: slide + extra, slide, offset })),
  fc.record({ step: fc.integer({ min: 1, max: 6 }), extra: fc.integer({ min: 0, max: 18 }), offset: fc.integer({ min: 0, max: 5 }) })
    .map(({ step, extra, offset }): WindowSpec => ({ kind: 'cumulate', maxSize: step + extra, step, offset })),
);

const rawRowArb = fc.record({
  t: fc.integer({ min: 0, max: 120 }),
  k: fc.constantFrom<string | null>('a', 'b', 'c', null),
  v: fc.option(fc.integer({ min: -5, max: 9 }), { nil: null, freq: 6 }),
  d: fc.option(fc.constantFrom(0, -0, 1.5, Number.NaN), { nil: null, freq: 4 }),
  advance: fc.nat({ max: 6 }),
  retract: fc.nat({ max: 9 }),
  cut: fc.nat({ max: 9 }),
});

/** Rows with monotone per-row watermarks; in `updates`, some rows retract an earlier row; cut into steps. */
function scenarioArb(updates: boolean): fc.Arbitrary<Scenario> {
  return fc.record({
    window: windowArb,
    lateness: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })),
    earlyFire: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    groupingSets: fc.boolean(),
    start: fc.integer({ min: -10, max: 20 }),
    raw: fc.array(rawRowArb, { minLength: 1, maxLength: 70 }),
  }).map(({ window, lateness, earlyFire, groupingSets, start, raw }) => {
    const spec: WindowAggregateSpec = {
      kind: 'window-aggregate',
      window,
      timeIndex: 0,
      keys: [1],
      aggregates: updates ? UPDATE_CALLS : APPEND_CALLS,
      lateTable: 'T',
      ...(groupingSets ? { groupingSets: [[0], []] } : {}),
      ...(lateness > 0 ? { allowedLateness: lateness } : {}),
      ...(earlyFire !== undefined ? { earlyFireDelay: earlyFire } : {}),
      ...(updates ? { inputUpdates: true as const } : {}),
    };
    const steps: Step[] = [];
    let pending: Row[] = [];
    const inserted: Row[] = [];
    let watermark = start;
    for (const r of raw) {
      watermark += r.advance;
      let row: Row = { t: r.t, k: r.k, v: r.v, d: r.d, kind: RowKind.Insert, watermark };
      if (updates && r.retract < 3 && inserted.length > 0) {
        const [earlier] = inserted.splice(r.retract % inserted.length, 1);
        row = { ...earlier!, kind: r.retract === 0 ? RowKind.Delete : RowKind.UpdateBefore, watermark };
      } else if (updates) inserted.push(row);
      pending.push(row);
      if (r.cut < 3) {
        steps.push({ kind: 'rows', rows: pending });
        pending = [];
        if (r.cut === 0) steps.push({ kind: 'watermark', at: watermark });
        if (r.cut === 1) steps.push({ kind: 'resume' });
      }
    }
    if (pending.length > 0) steps.push({ kind: 'rows', rows: pending });
    return { spec, steps };
  });
}

const sameAsPerWindow = (backend: 'memory' | 'sqlite') => async (scenario: Scenario): Promise<void> => {
  const sliced = await run(scenario, true, backend);
  const perWindow = await run(scenario, false, backend);
  assert.equal(sliced.sliced, true);
  assert.equal(perWindow.sliced, false);
  assert.equal(sliced.late, perWindow.late);
  assert.deepEqual(sliced.changes, perWindow.changes);
};

test('sliced HOP/CUMULATE aggregation equals the per-window path (append-only input, memory)', async () => {
  await fc.assert(fc.asyncProperty(scenarioArb(false), sameAsPerWindow('memory')), { numRuns: 300 });
});

test('sliced HOP/CUMULATE aggregation equals the per-window path (retractions, memory)', async () => {
  await fc.assert(fc.asyncProperty(scenarioArb(true), sameAsPerWindow('memory')), { numRuns: 200 });
});

test('sliced HOP/CUMULATE aggregation equals the per-window path (SQLite)', async () => {
  await fc.assert(fc.asyncProperty(fc.boolean().chain((updates) => scenarioArb(updates)), sameAsPerWindow('sqlite')), { numRuns: 40 });
});

test('slice geometry agrees with assignWindows, whether or not the slide (step) divides the size', () => {
  fc.assert(fc.property(windowArb, fc.integer({ min: -200, max: 200 }), (window, t) => {
    const geometry = sliceGeometry(window);
    const windows = assignWindows(window, t);
    if (!geometry) return assert.equal(windows.length, 0);
    const sliceEnd = geometry.sliceEnd(t);
    if (sliceEnd === undefined) return assert.equal(windows.length, 0);
    assert.deepEqual(geometry.windowEnds(sliceEnd), windows.map((w) => w.end));
    assert.equal(geometry.lastWindowEnd(sliceEnd), windows[windows.length - 1]!.end);
    for (const w of windows) {
      assert.equal(geometry.windowStart(w.end), w.start);
      assert.ok(geometry.sliceEnds(w.end).includes(sliceEnd));
    }
  }), { numRuns: 2000 });
});

test('operators slice only when their aggregates merge exactly', async () => {
  const hop: WindowSpec = { kind: 'hop', size: 10, slide: 2, offset: 0 };
  const slicedWith = async (aggregates: AggregateCall[], extra: Partial<WindowAggregateSpec> = {}): Promise<boolean> => {
    const spec: WindowAggregateSpec = { kind: 'window-aggregate', window: hop, timeIndex: 0, keys: [1], aggregates, lateTable: 'T', ...extra };
    const outcome = await run({ spec, steps: [{ kind: 'rows', rows: [{ t: 1, k: 'a', v: 1, d: 1, kind: RowKind.Insert, watermark: 0 }] }] }, true, 'memory');
    return outcome.sliced;
  };
  assert.equal(await slicedWith([call('COUNT', null, null)]), true);
  assert.equal(await slicedWith([call('MIN', 2, INT), call('COUNT', 2, INT, true)]), true);
  assert.equal(await slicedWith([call('MIN', 2, INT)], { inputUpdates: true }), false);
  assert.equal(await slicedWith([call('COUNT', 2, INT, true)], { inputUpdates: true }), false);
  assert.equal(await slicedWith([call('SUM', 3, DOUBLE)]), false);
  assert.equal(await slicedWith([call('FIRST_VALUE', 2, INT)]), false);
  assert.equal(await slicedWith([call('LISTAGG', 1, STRING)]), false);
  assert.equal(await slicedWith([call('COUNT', null, null)], { keys: [3] }), false); // a DOUBLE key
  assert.equal(await slicedWith([call('COUNT', null, null)], { window: { kind: 'tumble', size: 10, offset: 0 } }), false);
  assert.equal(await slicedWith([call('COUNT', null, null)], { window: { kind: 'hop', size: 10, slide: 2, offset: 0 } }), true);
});

export type { Value };
