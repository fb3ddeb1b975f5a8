/**
 * Property tests for tumbling window aggregation:
 * 1. streams that are out of order only within the watermark delay give exactly the batch answer;
 * 2. arbitrary arrival orders give exactly what the per-record watermark model predicts (late rows dropped).
 * Both run through the in-memory and the SQLite state backends, at random batch sizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Engine } from '../../src/index.js';

const WINDOW = 10_000;
const DELAY = 3_000;
const BASE = Date.UTC(2024, 0, 1);

interface Event {
  readonly ts: number;
  readonly k: string;
  readonly v: number | null;
}

const QUERY = `SELECT k, window_start, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS s, MIN(v) AS lo, MAX(v) AS hi, COUNT(DISTINCT v) AS d
  FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECONDS)) GROUP BY k, window_start, window_end`;

/** The batch answer over the rows a window accepts, computed independently of the engine. */
function expectedRows(events: readonly Event[]): string[] {
  const groups = new Map<string, Event[]>();
  for (const e of events) {
    const start = Math.floor(e.ts / WINDOW) * WINDOW;
    const key = `${e.k}|${start}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()].map(([key, rows]) => {
    const [k, start] = key.split('|');
    const values = rows.map((r) => r.v).filter((v): v is number => v !== null);
    const agg = (f: (vs: number[]) => number) => (values.length === 0 ? 'null' : String(f(values)));
    return [
      k,
      new Date(Number(start)).toISOString().replace('T', ' ').replace('.000Z', ''),
      rows.length,
      values.length,
      agg((vs) => vs.reduce((a, b) => a + b, 0)),
      agg((vs) => Math.min(...vs)),
      agg((vs) => Math.max(...vs)),
      new Set(values).size,
    ].join(',');
  }).sort();
}

/** Flink's per-record watermark model: a row is dropped if its window's last millisecond ≤ the watermark before it. */
function acceptedByModel(events: readonly Event[]): { accepted: Event[]; late: number } {
  let watermark = -Infinity;
  const accepted: Event[] = [];
  let late = 0;
  for (const e of events) {
    const end = Math.floor(e.ts / WINDOW) * WINDOW + WINDOW;
    if (end - 1 <= watermark) late++;
    else accepted.push(e);
    watermark = Math.max(watermark, e.ts - DELAY);
  }
  return { accepted, late };
}

async function runEngine(events: readonly Event[], backend: 'memory' | 'sqlite', batchSize: number): Promise<{ rows: string[]; late: number }> {
  const stateDir = backend === 'sqlite' ? mkdtempSync(join(tmpdir(), 'sluice-prop-')) : undefined;
  try {
    const engine = new Engine({
      config: { 'state.backend': backend, 'sluice.batch-size': String(batchSize), ...(stateDir ? { 'state.dir': stateDir } : {}) },
    });
    engine.registerTable('events', {
      columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'k', type: 'STRING' }, { name: 'v', type: 'INT' }],
      rows: events.map((e) => ({ ts: e.ts, k: e.k, v: e.v })),
      watermark: { column: 'ts', expression: "ts - INTERVAL '3' SECOND" },
    });
    const result = engine.query(QUERY);
    const rows = (await result.toArray()).map((r) => Object.values(r).map((v) => (v === null ? 'null' : String(v).replace(/\.000$/, ''))).join(','));
    const summary = await result.done();
    return { rows: rows.sort(), late: summary.tables.find((t) => t.table === 'events')?.lateRecords ?? -1 };
  } finally {
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  }
}

const eventArb = fc.record({
  gap: fc.integer({ min: 0, max: 4_000 }),
  jitter: fc.integer({ min: 0, max: DELAY - 1 }),
  k: fc.constantFrom('a', 'b', 'c'),
  v: fc.option(fc.integer({ min: -50, max: 50 }), { nil: null, freq: 5 }),
});

for (const backend of ['memory', 'sqlite'] as const) {
  test(`out-of-order within the delay equals the batch answer (${backend})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 16 }), async (raw, batchSize) => {
        let t = BASE;
        const events = raw.map((r) => {
          t += r.gap;
          return { ts: t - r.jitter, k: r.k, v: r.v };
        });
        const { rows, late } = await runEngine(events, backend, batchSize);
        assert.equal(late, 0);
        assert.deepEqual(rows, expectedRows(events));
      }),
      { numRuns: backend === 'memory' ? 60 : 25 },
    );
  });

  test(`arbitrary arrival order follows the per-record watermark model (${backend})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 60_000 }), k: fc.constantFrom('a', 'b'), v: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }) }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 8 }),
        async (raw, batchSize) => {
          const events = raw.map((r) => ({ ts: BASE + r.offset, k: r.k, v: r.v }));
          const model = acceptedByModel(events);
          const { rows, late } = await runEngine(events, backend, batchSize);
          assert.equal(late, model.late);
          assert.deepEqual(rows, expectedRows(model.accepted));
        },
      ),
      { numRuns: backend === 'memory' ? 60 : 25 },
    );
  });
}

test('the same input at batch size 1 and 4096 gives identical output, in the same order', async () => {
  const events: Event[] = [];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 2_000; i++) events.push({ ts: BASE + i * 97 - Math.floor(random() * 6_000), k: 'abc'[i % 3]!, v: Math.floor(random() * 100) });
  const run = async (batchSize: number): Promise<string[]> => {
    const engine = new Engine({ config: { 'sluice.batch-size': String(batchSize) } });
    engine.registerTable('events', {
      columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'k', type: 'STRING' }, { name: 'v', type: 'INT' }],
      rows: events,
      watermark: { column: 'ts', expression: "ts - INTERVAL '3' SECOND" },
    });
    const out: string[] = [];
    for await (const change of engine.query(QUERY)) out.push(`${change.op} ${JSON.stringify(Object.values(change.row), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
    return out;
  };
  const small = await run(1);
  assert.ok(small.length > 40);
  assert.deepEqual(await run(4096), small);
});
