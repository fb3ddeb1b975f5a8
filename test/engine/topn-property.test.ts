/**
 * Property tests for non-window Top-N: whatever the input, the changelog the Rank operator emits, applied in order
 * (every retraction removing a row that is there), ends as the batch Top-N of the rows that remain, computed here
 * independently: per partition, a stable sort by the ORDER BY keys (ties in arrival order), ranks by the rank
 * function, ranks within [start, end] kept.
 * 1. the operator alone, over random inserts and retractions (an updating input), random rank functions, ranges,
 *    with and without the rank column, random batch splits, both state backends;
 * 2. SQL end to end over a random append-only table, at random batch sizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { BIGINT, INT, STRING } from '../../src/common/types.js';
import { RowKind, type Value } from '../../src/common/values.js';
import type { GraphNode, RankFunction, RankSpec } from '../../src/dataflow/graph.js';
import type { Schema } from '../../src/dataflow/schema.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { dataMessage } from '../../src/runtime/messages.js';
import { JobMetrics } from '../../src/runtime/metrics.js';
import { RankOperator } from '../../src/runtime/operators/rank.js';
import { createStateBackend } from '../../src/runtime/state/index.js';
import { Task } from '../../src/runtime/task.js';
import { Engine } from '../../src/index.js';

const INPUT: Schema = {
  fields: [
    { name: 'p', type: STRING, nullable: true },
    { name: 'score', type: INT, nullable: true },
    { name: 'id', type: INT, nullable: true },
  ],
};

type InputRow = [string, number | null, number];

interface RankCase {
  readonly rankFunction: RankFunction;
  readonly start: number;
  readonly end: number;
  readonly outputRank: boolean;
  readonly descending: boolean;
}

/** The batch answer: per partition, stable-sorted surviving rows (arrival order breaks ties), ranked, range kept. */
function batchTopN(rows: readonly InputRow[], c: RankCase): string[] {
  const partitions = new Map<string, InputRow[]>();
  for (const row of rows) partitions.set(row[0], [...(partitions.get(row[0]) ?? []), row]);
  const out: string[] = [];
  for (const members of partitions.values()) {
    const sorted = [...members].sort((a, b) => compareScores(a[1], b[1], c.descending)); // Array.prototype.sort is stable
    let rank = 0;
    sorted.forEach((row, i) => {
      if (c.rankFunction === 'ROW_NUMBER' || i === 0) rank = i + 1;
      else if (compareScores(sorted[i - 1]![1], row[1], c.descending) !== 0) rank = c.rankFunction === 'RANK' ? i + 1 : rank + 1;
      if (rank >= c.start && rank <= c.end) out.push(c.outputRank ? `${rowText(row)},${rank}` : rowText(row));
    });
  }
  return out.sort();
}

const rowText = (row: readonly unknown[]): string => row.map(String).join(',');

/** NULLs first ascending, last descending (Flink's default). */
function compareScores(a: number | null, b: number | null, descending: boolean): number {
  if (a === b) return 0;
  if (a === null) return descending ? 1 : -1;
  if (b === null) return descending ? -1 : 1;
  return descending ? b - a : a - b;
}

/** Applies a changelog: +I/+U add a row, -U/-D remove one that must be there. */
function applyChanges(lines: readonly string[]): string[] {
  const rows: string[] = [];
  for (const l of lines) {
    const [op, row] = [l.slice(0, 2), l.slice(3)];
    if (op === '+I' || op === '+U') rows.push(row);
    else {
      const at = rows.indexOf(row);
      assert.ok(at >= 0, `${op} of a row not in the result: ${row}`);
      rows.splice(at, 1);
    }
  }
  return rows.sort();
}

interface Op {
  readonly retract: boolean;
  readonly row: InputRow;
}

/** Random inserts; one step in four a retraction takes back a row inserted before and not yet retracted (as -U or -D). */
const opsArbitrary = fc
  .array(fc.record({ retract: fc.integer({ min: 0, max: 3 }), pick: fc.nat(), p: fc.constantFrom('a', 'b', 'c'), score: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 8 }), id: fc.integer({ min: 0, max: 3 }) }), { maxLength: 60 })
  .map((steps) => {
    const living: InputRow[] = [];
    const ops: Op[] = [];
    for (const step of steps) {
      if (step.retract === 0 && living.length > 0) {
        const [row] = living.splice(step.pick % living.length, 1);
        ops.push({ retract: true, row: row! });
      } else {
        const row: InputRow = [step.p, step.score, step.id];
        living.push(row);
        ops.push({ retract: false, row });
      }
    }
    return ops;
  });

/** What remains after the ops, with retraction taking back the earliest equal row (the operator may take any equal one). */
function survivors(ops: readonly Op[]): InputRow[] {
  const rows: InputRow[] = [];
  for (const op of ops) {
    if (!op.retract) rows.push(op.row);
    else rows.splice(rows.findIndex((r) => rowText(r) === rowText(op.row)), 1);
  }
  return rows;
}

const caseArbitrary = fc.record({
  rankFunction: fc.constantFrom<RankFunction>('ROW_NUMBER', 'RANK', 'DENSE_RANK'),
  start: fc.integer({ min: 1, max: 3 }),
  extra: fc.integer({ min: 0, max: 3 }),
  outputRank: fc.boolean(),
  descending: fc.boolean(),
}).map(({ extra, ...c }): RankCase => ({ ...c, end: c.start + extra }));

async function runOperator(ops: readonly Op[], c: RankCase, inputUpdates: boolean, cuts: readonly number[], backend: 'memory' | 'sqlite', dir: string): Promise<string[]> {
  const spec: RankSpec = {
    kind: 'rank', partitionKeys: [0], orderBy: [{ index: 1, descending: c.descending, nullsFirst: !c.descending }],
    rankFunction: c.rankFunction, rankStart: c.start, rankEnd: c.end, outputRank: c.outputRank, inputUpdates,
  };
  const output: Schema = { fields: [...INPUT.fields, ...(c.outputRank ? [{ name: 'rn', type: BIGINT, nullable: false }] : [])] };
  const node: GraphNode = { id: 2, spec, inputs: [{ from: 1, partitioning: { kind: 'forward' } }], schema: output, changelog: 'updates' };
  const state = createStateBackend(backend === 'sqlite' ? { kind: 'sqlite', directory: dir } : { kind: 'memory' });
  const task = new Task(node, 'Rank#2', new RankOperator(spec), INPUT, state, new JobMetrics());
  const lines: string[] = [];
  task.connect({
    receive: async (_input, message) => {
      if (message.kind !== 'data') return;
      batchRows(message.batch, output).forEach((row: Value[], i) => lines.push(`${['+I', '-U', '+U', '-D'][message.rowKinds![i]!]} ${rowText(row)}`));
    },
  }, 0);
  await task.open();
  let from = 0;
  for (const cut of [...cuts.map((x) => x % (ops.length + 1)).sort((a, b) => a - b), ops.length]) {
    const slice = ops.slice(from, Math.max(cut, from));
    from = Math.max(cut, from);
    if (slice.length === 0) continue;
    const batch = makeBatch(INPUT, [slice.map((o) => o.row[0]), slice.map((o) => o.row[1]), slice.map((o) => o.row[2])]);
    const kinds = Uint8Array.from(slice.map((o, i) => (o.retract ? (i % 2 === 0 ? RowKind.UpdateBefore : RowKind.Delete) : (i % 3 === 0 ? RowKind.UpdateAfter : RowKind.Insert))));
    await task.receive(0, dataMessage(batch, kinds));
  }
  await task.receive(0, { kind: 'end-of-input' });
  await task.close();
  state.close();
  return lines;
}

test('property: over inserts and retractions, the changelog applied equals the batch Top-N (both backends)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-topn-prop-'));
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(opsArbitrary, caseArbitrary, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom<'memory' | 'sqlite'>('memory', 'sqlite'), async (ops, c, cuts, backend) => {
        const lines = await runOperator(ops, c, true, cuts, backend, join(dir, String(run++)));
        assert.deepEqual(applyChanges(lines), batchTopN(survivors(ops), c));
      }),
      { numRuns: 200 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('property: an append-only input keeps only the rows that can rank, with the same answer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-topn-prop-'));
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(opsArbitrary.map((ops) => ops.filter((o) => !o.retract)), caseArbitrary, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom<'memory' | 'sqlite'>('memory', 'sqlite'), async (ops, c, cuts, backend) => {
        const lines = await runOperator(ops, c, false, cuts, backend, join(dir, String(run++)));
        assert.deepEqual(applyChanges(lines), batchTopN(ops.map((o) => o.row), c));
      }),
      { numRuns: 200 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('property: SQL over a random append-only table, at random batch sizes, ends as the batch Top-N', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.option(fc.integer({ min: 0, max: 6 }), { freq: 8 }), fc.integer({ min: 0, max: 3 })), { maxLength: 40 }),
      caseArbitrary,
      fc.integer({ min: 1, max: 8 }),
      async (rows, c, batchSize) => {
        const engine = new Engine({ printLine: () => {}, config: { 'sluice.batch-size': String(batchSize) } });
        engine.registerTable('T', {
          columns: [{ name: 'p', type: 'STRING' }, { name: 'score', type: 'INT' }, { name: 'id', type: 'INT' }],
          rows: rows.map(([p, score, id]) => ({ p, score, id })),
        });
        const select = c.outputRank ? 'p, score, id, r' : 'p, score, id';
        const order = c.descending ? 'DESC' : 'ASC';
        const result = engine.query(`SELECT ${select} FROM (SELECT *, ${c.rankFunction}() OVER (PARTITION BY p ORDER BY score ${order}) AS r FROM T)
          WHERE r BETWEEN ${c.start} AND ${c.end}`);
        const lines: string[] = [];
        for await (const change of result) lines.push(`${change.op} ${Object.values(change.row).map(String).join(',')}`);
        await engine.close();
        assert.deepEqual(applyChanges(lines), batchTopN(rows as InputRow[], c));
      },
    ),
    { numRuns: 60 },
  );
});
