/**
 * Property tests for aligned window aggregation (TUMBLE, HOP, CUMULATE):
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

interface WindowKind {
  readonly name: string;
  readonly tvf: string;
  /** [start, end) of every window holding `ts`, computed independently of the engine. */
  readonly windows: (ts: number) => [number, number][];
}

const floorTo = (ts: number, unit: number) => Math.floor(ts / unit) * unit;

const KINDS: readonly WindowKind[] = [
  { name: 'TUMBLE 10 s', tvf: "TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECONDS)", windows: (ts) => [[floorTo(ts, WINDOW), floorTo(ts, WINDOW) + WINDOW]] },
  {
    name: 'HOP 4 s / 12 s',
    tvf: "HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '4' SECONDS, INTERVAL '12' SECONDS)",
    windows: (ts) => [0, 1, 2].map((k) => [floorTo(ts, 4_000) - k * 4_000, floorTo(ts, 4_000) - k * 4_000 + 12_000] as [number, number]),
  },
  {
    name: 'CUMULATE 5 s / 15 s',
    tvf: "CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '5' SECONDS, INTERVAL '15' SECONDS)",
    windows: (ts) => {
      const start = floorTo(ts, 15_000);
      const ends: [number, number][] = [];
      for (let end = floorTo(ts, 5_000) + 5_000; end <= start + 15_000; end += 5_000) ends.push([start, end]);
      return ends;
    },
  },
];

const queryFor = (kind: WindowKind) => `SELECT k, window_start, window_end, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS s, MIN(v) AS lo,
  MAX(v) AS hi, COUNT(DISTINCT v) AS d FROM TABLE(${kind.tvf}) GROUP BY k, window_start, window_end`;

type Assigned = { readonly event: Event; readonly window: [number, number] };

const ts = (millis: number) => new Date(millis).toISOString().replace('T', ' ').replace('.000Z', '');

/** The batch answer over the (row, window) pairs windows accept, computed independently of the engine. */
function expectedRows(assigned: readonly Assigned[]): string[] {
  const groups = new Map<string, Event[]>();
  for (const { event: e, window } of assigned) {
    const key = `${e.k}|${window[0]}|${window[1]}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()].map(([key, rows]) => {
    const [k, start, end] = key.split('|');
    const values = rows.map((r) => r.v).filter((v): v is number => v !== null);
    const agg = (f: (vs: number[]) => number) => (values.length === 0 ? 'null' : String(f(values)));
    return [
      k,
      ts(Number(start)),
      ts(Number(end)),
      rows.length,
      values.length,
      agg((vs) => vs.reduce((a, b) => a + b, 0)),
      agg((vs) => Math.min(...vs)),
      agg((vs) => Math.max(...vs)),
      new Set(values).size,
    ].join(',');
  }).sort();
}

/**
 * Flink's per-record watermark model: a row is left out of each window whose last millisecond ≤ the watermark
 * before it, and is late if it is left out of all of them.
 */
function acceptedByModel(events: readonly Event[], kind: WindowKind): { accepted: Assigned[]; late: number } {
  let watermark = -Infinity;
  const accepted: Assigned[] = [];
  let late = 0;
  for (const event of events) {
    const open = kind.windows(event.ts).filter(([, end]) => end - 1 > watermark);
    if (open.length === 0) late++;
    for (const window of open) accepted.push({ event, window });
    watermark = Math.max(watermark, event.ts - DELAY);
  }
  return { accepted, late };
}

function allWindows(events: readonly Event[], kind: WindowKind): Assigned[] {
  return events.flatMap((event) => kind.windows(event.ts).map((window) => ({ event, window })));
}

async function runEngine(events: readonly Event[], backend: 'memory' | 'sqlite', batchSize: number, kind: WindowKind): Promise<{ rows: string[]; late: number }> {
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
    const result = engine.query(queryFor(kind));
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

for (const kind of KINDS) for (const backend of ['memory', 'sqlite'] as const) {
  test(`${kind.name}: out-of-order within the delay equals the batch answer (${backend})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 16 }), async (raw, batchSize) => {
        let t = BASE;
        const events = raw.map((r) => {
          t += r.gap;
          return { ts: t - r.jitter, k: r.k, v: r.v };
        });
        const { rows, late } = await runEngine(events, backend, batchSize, kind);
        assert.equal(late, 0);
        assert.deepEqual(rows, expectedRows(allWindows(events, kind)));
      }),
      { numRuns: backend === 'memory' ? 40 : 15 },
    );
  });

  test(`${kind.name}: arbitrary arrival order follows the per-record watermark model (${backend})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 60_000 }), k: fc.constantFrom('a', 'b'), v: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }) }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 8 }),
        async (raw, batchSize) => {
          const events = raw.map((r) => ({ ts: BASE + r.offset, k: r.k, v: r.v }));
          const model = acceptedByModel(events, kind);
          const { rows, late } = await runEngine(events, backend, batchSize, kind);
          assert.equal(late, model.late);
          assert.deepEqual(rows, expectedRows(model.accepted));
        },
      ),
      { numRuns: backend === 'memory' ? 40 : 15 },
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
    for await (const change of engine.query(queryFor(KINDS[1]!))) out.push(`${change.op} ${JSON.stringify(Object.values(change.row), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
    return out;
  };
  const small = await run(1);
  assert.ok(small.length > 40);
  assert.deepEqual(await run(4096), small);
});
