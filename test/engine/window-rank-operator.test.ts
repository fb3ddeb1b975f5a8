/** The window rank operator on its own, driven through a Task with hand-made messages; and its pure ranking helpers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, INT, STRING, TIMESTAMP3 } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import type { GraphNode, RankFunction, SortKey, WindowRankSpec } from '../../src/dataflow/graph.js';
import type { Schema } from '../../src/dataflow/schema.js';
import { batchRows, makeBatch } from '../../src/runtime/batch.js';
import { dataMessage, type Message } from '../../src/runtime/messages.js';
import { JobMetrics } from '../../src/runtime/metrics.js';
import { WindowRankOperator } from '../../src/runtime/operators/window-rank.js';
import { MemoryStateBackend, SqliteStateBackend } from '../../src/runtime/state/index.js';
import type { StateBackend } from '../../src/runtime/state/backend.js';
import { Task } from '../../src/runtime/task.js';
import { compareRows, insertRanked, ranksOf, type Row } from '../../src/runtime/windows/ranked-rows.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// input: item STRING, price INT, window_start, window_end
const INPUT: Schema = {
  fields: [
    { name: 'item', type: STRING, nullable: true },
    { name: 'price', type: INT, nullable: true },
    { name: 'window_start', type: TIMESTAMP3, nullable: false },
    { name: 'window_end', type: TIMESTAMP3, nullable: false },
  ],
};
const W1 = [0, 10] as const;
const W2 = [10, 20] as const;

function rankSpec(overrides: Partial<WindowRankSpec> = {}): WindowRankSpec {
  return {
    kind: 'window-rank',
    windowStartIndex: 2,
    windowEndIndex: 3,
    partitionKeys: [],
    orderBy: [{ index: 1, descending: true, nullsFirst: false }],
    rankFunction: 'ROW_NUMBER',
    limit: 2,
    outputRank: true,
    deduplicate: null,
    lateTable: 'T',
    ...overrides,
  };
}

interface Harness {
  send(message: Message): Promise<void>;
  rows(): Value[][];
  metrics: JobMetrics;
}

function harness(spec: WindowRankSpec, state: StateBackend = new MemoryStateBackend()): Harness {
  const output: Schema = { fields: [...INPUT.fields, ...(spec.outputRank ? [{ name: 'rownum', type: BIGINT, nullable: false }] : [])] };
  const node: GraphNode = { id: 2, spec, inputs: [{ from: 1, partitioning: { kind: 'forward' } }], schema: output, changelog: 'append' };
  const metrics = new JobMetrics();
  const task = new Task(node, 'WindowRank#2', new WindowRankOperator(spec), INPUT, state, metrics);
  const received: Value[][] = [];
  task.connect({ receive: async (_input, message) => { if (message.kind === 'data') received.push(...batchRows(message.batch, output)); } }, 0);
  let opened = false;
  return {
    async send(message) {
      if (!opened) await task.open();
      opened = true;
      await task.receive(0, message);
    },
    rows: () => received,
    metrics,
  };
}

const data = (rows: [string | null, number | null, readonly [number, number]][], watermarks?: number[]): Message => {
  const batch = makeBatch(INPUT, [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2][0]), rows.map((r) => r[2][1])]);
  return dataMessage(batch, undefined, watermarks ? Float64Array.from(watermarks) : undefined);
};

test('keeps the top N per window and emits them when the watermark reaches window_end - 1', async () => {
  const h = harness(rankSpec());
  await h.send(data([['a', 3, W1], ['b', 5, W1], ['c', 4, W1], ['d', 1, W2]]));
  await h.send({ kind: 'watermark', timestamp: 8 });
  assert.deepEqual(h.rows(), []);
  await h.send({ kind: 'watermark', timestamp: 9 });
  assert.deepEqual(h.rows(), [['b', 5, 0, 10, 1n], ['c', 4, 0, 10, 2n]]);
  await h.send({ kind: 'end-of-input' });
  assert.deepEqual(h.rows().slice(2), [['d', 1, 10, 20, 1n]]);
});

test('ties go to the earlier arrival; keep-last deduplication lets the later one win', async () => {
  const first = harness(rankSpec({ limit: 1 }));
  await first.send(data([['a', 5, W1], ['b', 5, W1]]));
  await first.send({ kind: 'end-of-input' });
  assert.deepEqual(first.rows(), [['a', 5, 0, 10, 1n]]);
  const last = harness(rankSpec({ limit: 1, deduplicate: 'last-row' }));
  await last.send(data([['a', 5, W1], ['b', 5, W1]]));
  await last.send({ kind: 'end-of-input' });
  assert.deepEqual(last.rows(), [['b', 5, 0, 10, 1n]]);
});

test('partitions by key inside a window, without the rank column when not asked for', async () => {
  const h = harness(rankSpec({ partitionKeys: [0], limit: 1, outputRank: false }));
  await h.send(data([['a', 3, W1], ['b', 5, W1], ['a', 7, W1], ['b', 2, W1]]));
  await h.send({ kind: 'end-of-input' });
  assert.deepEqual(h.rows(), [['a', 7, 0, 10], ['b', 5, 0, 10]]);
});

test('rows whose window fired before they arrived are dropped and counted late (per-row watermarks)', async () => {
  const h = harness(rankSpec());
  await h.send(data([['a', 3, W1], ['b', 5, W2], ['late', 9, W1]], [0, 0, 9]));
  await h.send({ kind: 'end-of-input' });
  assert.deepEqual(h.rows(), [['a', 3, 0, 10, 1n], ['b', 5, 10, 20, 1n]]);
  assert.equal(h.metrics.table('T').lateRecords, 1);
});

test('RANK and DENSE_RANK keep every row tied within the limit', async () => {
  const input = [['a', 5, W1], ['b', 5, W1], ['c', 4, W1], ['d', 3, W1]] as [string, number, readonly [number, number]][];
  const rank = harness(rankSpec({ rankFunction: 'RANK', limit: 2 }));
  await rank.send(data(input));
  await rank.send({ kind: 'end-of-input' });
  assert.deepEqual(rank.rows().map((r) => `${r[0]}${r[4]}`), ['a1', 'b1']);
  const dense = harness(rankSpec({ rankFunction: 'DENSE_RANK', limit: 2 }));
  await dense.send(data(input));
  await dense.send({ kind: 'end-of-input' });
  assert.deepEqual(dense.rows().map((r) => `${r[0]}${r[4]}`), ['a1', 'b1', 'c2']);
});

test('the SQLite state backend gives the same output', async () => {
  const state = new SqliteStateBackend(mkdtempSync(join(tmpdir(), 'sluice-rank-')));
  const h = harness(rankSpec({ partitionKeys: [0] }), state);
  await h.send(data([['a', 3, W1], ['a', 5, W1], ['a', 4, W1], ['b', null, W1]]));
  await h.send({ kind: 'end-of-input' });
  state.close();
  assert.deepEqual(h.rows(), [['a', 5, 0, 10, 1n], ['a', 4, 0, 10, 2n], ['b', null, 0, 10, 1n]]);
});

// ---------- pure helpers ----------

const byPrice = (descending: boolean, nullsFirst: boolean): SortKey[] => [{ index: 0, descending, nullsFirst }];

test('compareRows orders NULLs where asked, and by each key in turn', () => {
  assert.ok(compareRows([null], [1], byPrice(false, true)) < 0);
  assert.ok(compareRows([null], [1], byPrice(false, false)) > 0);
  assert.ok(compareRows([2], [1], byPrice(true, false)) < 0);
  const twoKeys: SortKey[] = [{ index: 0, descending: false, nullsFirst: true }, { index: 1, descending: true, nullsFirst: false }];
  assert.ok(compareRows([1, 'b'], [1, 'a'], twoKeys) < 0);
  assert.equal(compareRows([10n, 'a'], [10n, 'a'], twoKeys), 0);
});

test('insertRanked keeps at most the rows that can still rank within the limit', () => {
  const options = (rankFunction: RankFunction) => ({ orderBy: byPrice(false, true), rankFunction, limit: 2, ties: 'first-arrival' as const });
  const rows: Row[] = [];
  for (const v of [5, 3, 3, 1]) insertRanked(rows, [v], options('ROW_NUMBER'));
  assert.deepEqual(rows, [[1], [3]]);
  assert.equal(insertRanked(rows, [9], options('ROW_NUMBER')), false);
  const ranked: Row[] = [];
  for (const v of [1, 1, 1, 2]) insertRanked(ranked, [v], options('RANK'));
  assert.deepEqual(ranked, [[1], [1], [1]]);
  assert.deepEqual(ranksOf([[1], [1], [2], [3]], byPrice(false, true), 'RANK'), [1, 1, 3, 4]);
  assert.deepEqual(ranksOf([[1], [1], [2], [3]], byPrice(false, true), 'DENSE_RANK'), [1, 1, 2, 3]);
});
