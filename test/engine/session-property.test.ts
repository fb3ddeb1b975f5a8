/**
 * Property tests for SESSION windows (aggregation and the bare TVF), with and without PARTITION BY:
 * 1. streams that are out of order only within the watermark delay give exactly the batch answer (sort by time,
 *    build sessions per partition);
 * 2. arbitrary arrival orders give exactly what a reference model of Flink's merging window operator predicts
 *    under per-record watermarks (sessions fire as the watermark passes them; a record is late if its merged
 *    session has fired).
 * Both run through the in-memory and the SQLite state backends, at random batch sizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Engine } from '../../src/index.js';

const GAP = 5_000;
const DELAY = 3_000;
const BASE = Date.UTC(2024, 0, 1);

interface Event {
  readonly ts: number;
  readonly k: string;
  readonly v: number | null;
}

interface Session {
  start: number;
  end: number;
  events: Event[];
}

interface Variant {
  readonly name: string;
  readonly partitioned: boolean;
}

const VARIANTS: readonly Variant[] = [
  { name: 'PARTITION BY k', partitioned: true },
  { name: 'no partition keys', partitioned: false },
];

const tvf = (variant: Variant) => `TABLE(SESSION(TABLE events${variant.partitioned ? ' PARTITION BY k' : ''}, DESCRIPTOR(ts), INTERVAL '5' SECONDS))`;
const aggregateQuery = (variant: Variant) => `SELECT k, window_start, window_end, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS s,
  MIN(v) AS lo, MAX(v) AS hi, COUNT(DISTINCT v) AS d FROM ${tvf(variant)} GROUP BY k, window_start, window_end`;
const rowsQuery = (variant: Variant) => `SELECT ts, k, v, window_start, window_end, window_time FROM ${tvf(variant)}`;

const partitionOf = (variant: Variant, event: Event) => (variant.partitioned ? event.k : '');
const ts = (millis: number) => new Date(millis).toISOString().replace('T', ' ').replace('Z', '');

/** The batch answer: events sorted by time, consecutive ones within the gap (touching included) in one session. */
function batchSessions(events: readonly Event[], variant: Variant): Session[] {
  const byPartition = new Map<string, Event[]>();
  for (const e of events) byPartition.set(partitionOf(variant, e), [...(byPartition.get(partitionOf(variant, e)) ?? []), e]);
  const sessions: Session[] = [];
  for (const partition of byPartition.values()) {
    let current: Session | undefined;
    for (const e of [...partition].sort((a, b) => a.ts - b.ts)) {
      if (current && e.ts <= current.end) {
        current.end = Math.max(current.end, e.ts + GAP);
        current.events.push(e);
      } else {
        current = { start: e.ts, end: e.ts + GAP, events: [e] };
        sessions.push(current);
      }
    }
  }
  return sessions;
}

/**
 * Flink's merging window operator with a watermark after every record: before each record, sessions whose last
 * millisecond ≤ the watermark fire; the record's window merges with the open sessions it overlaps or touches; if
 * the merged session's last millisecond ≤ the watermark the record is late, otherwise it joins.
 */
function modelSessions(events: readonly Event[], variant: Variant): { sessions: Session[]; late: number } {
  const open = new Map<string, Session[]>();
  const fired: Session[] = [];
  let watermark = -Infinity;
  let late = 0;
  for (const e of events) {
    for (const [partition, sessions] of open) {
      fired.push(...sessions.filter((s) => s.end - 1 <= watermark));
      open.set(partition, sessions.filter((s) => s.end - 1 > watermark));
    }
    const partition = partitionOf(variant, e);
    const merged: Session = { start: e.ts, end: e.ts + GAP, events: [e] };
    let untouched = open.get(partition) ?? [];
    // Absorb intersecting sessions until none is left: one absorbed session can widen the merged one.
    for (let absorbed = true; absorbed; ) {
      absorbed = false;
      for (const s of untouched) {
        if (s.start <= merged.end && merged.start <= s.end) {
          merged.start = Math.min(merged.start, s.start);
          merged.end = Math.max(merged.end, s.end);
          merged.events = [...s.events, ...merged.events];
          absorbed = true;
        }
      }
      if (absorbed) untouched = untouched.filter((s) => !merged.events.includes(s.events[0]!));
    }
    if (merged.end - 1 <= watermark) late++;
    else open.set(partition, [...untouched, merged]);
    watermark = Math.max(watermark, e.ts - DELAY);
  }
  for (const sessions of open.values()) fired.push(...sessions);
  return { sessions: fired, late };
}

/** Expected aggregate rows (k, window_start, window_end, aggregates), sorted. */
function aggregateRows(sessions: readonly Session[]): string[] {
  const rows: string[] = [];
  for (const session of sessions) {
    const byKey = new Map<string, Event[]>();
    for (const e of session.events) byKey.set(e.k, [...(byKey.get(e.k) ?? []), e]);
    for (const [k, events] of byKey) {
      const values = events.map((e) => e.v).filter((v): v is number => v !== null);
      const agg = (f: (vs: number[]) => number) => (values.length === 0 ? 'null' : String(f(values)));
      rows.push([k, ts(session.start), ts(session.end), events.length, values.length, agg((vs) => vs.reduce((a, b) => a + b, 0)),
        agg((vs) => Math.min(...vs)), agg((vs) => Math.max(...vs)), new Set(values).size].join(','));
    }
  }
  return rows.sort();
}

/** Expected bare-TVF rows (ts, k, v, window_start, window_end, window_time), sorted. */
function tvfRows(sessions: readonly Session[]): string[] {
  return sessions.flatMap((s) => s.events.map((e) => [ts(e.ts), e.k, e.v ?? 'null', ts(s.start), ts(s.end), ts(s.end - 1)].join(','))).sort();
}

async function runEngine(events: readonly Event[], sql: string, backend: 'memory' | 'sqlite', batchSize: number): Promise<{ rows: string[]; late: number }> {
  const stateDir = backend === 'sqlite' ? mkdtempSync(join(tmpdir(), 'sluice-session-prop-')) : undefined;
  try {
    const engine = new Engine({
      config: { 'state.backend': backend, 'sluice.batch-size': String(batchSize), ...(stateDir ? { 'state.dir': stateDir } : {}) },
    });
    engine.registerTable('events', {
      columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'k', type: 'STRING' }, { name: 'v', type: 'INT' }],
      rows: events.map((e) => ({ ts: e.ts, k: e.k, v: e.v })),
      watermark: { column: 'ts', expression: "ts - INTERVAL '3' SECOND" },
    });
    const result = engine.query(sql);
    const rows = (await result.toArray()).map((r) => Object.values(r).map((v) => (v === null ? 'null' : String(v))).join(','));
    const summary = await result.done();
    await engine.close();
    return { rows: rows.sort(), late: summary.tables.find((t) => t.table === 'events')?.lateRecords ?? -1 };
  } finally {
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  }
}

const eventArb = fc.record({
  step: fc.integer({ min: 0, max: 8_000 }),
  // At most DELAY − 2 ms early: a session ending exactly at a record's time must still be open for it
  // (end − 1 > watermark ≥ max seen − DELAY), or the record legitimately starts a new session.
  jitter: fc.integer({ min: 0, max: DELAY - 2 }),
  k: fc.constantFrom('a', 'b', 'c'),
  v: fc.option(fc.integer({ min: -20, max: 20 }), { nil: null, freq: 5 }),
});

/**
 * Arrival orders beyond the watermark delay: either any order over a minute, or a stream running forward with
 * records up to 12 s early (the common shape of lateness: a record arrives after the watermark passed sessions
 * it touches).
 */
const valueArb = fc.option(fc.integer({ min: 0, max: 9 }), { nil: null });
const arbitraryArb: fc.Arbitrary<Event[]> = fc.oneof(
  fc.array(fc.record({ offset: fc.integer({ min: 0, max: 60_000 }), k: fc.constantFrom('a', 'b'), v: valueArb }), { minLength: 1, maxLength: 40 })
    .map((raw) => raw.map((r) => ({ ts: BASE + r.offset, k: r.k, v: r.v }))),
  fc.array(fc.record({ step: fc.integer({ min: 0, max: 6_000 }), early: fc.integer({ min: 0, max: 12_000 }), k: fc.constantFrom('a', 'b'), v: valueArb }), { minLength: 1, maxLength: 40 })
    .map((raw) => {
      let t = BASE + 20_000;
      return raw.map((r) => ({ ts: (t += r.step) - r.early, k: r.k, v: r.v }));
    }),
);

for (const variant of VARIANTS) for (const backend of ['memory', 'sqlite'] as const) {
  const runs = backend === 'memory' ? 40 : 10;

  test(`SESSION (${variant.name}): out-of-order within the delay equals the batch answer (${backend})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 16 }), async (raw, batchSize) => {
        let t = BASE;
        const events = raw.map((r) => {
          t += r.step;
          return { ts: t - r.jitter, k: r.k, v: r.v };
        });
        const sessions = batchSessions(events, variant);
        const aggregated = await runEngine(events, aggregateQuery(variant), backend, batchSize);
        assert.equal(aggregated.late, 0);
        assert.deepEqual(aggregated.rows, aggregateRows(sessions));
        const rows = await runEngine(events, rowsQuery(variant), backend, batchSize);
        assert.deepEqual(rows.rows, tvfRows(sessions));
      }),
      { numRuns: runs },
    );
  });

  test(`SESSION (${variant.name}): arbitrary arrival order follows Flink's merging-lateness model (${backend})`, async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryArb, fc.integer({ min: 1, max: 16 }), async (events, batchSize) => {
        const model = modelSessions(events, variant);
        const aggregated = await runEngine(events, aggregateQuery(variant), backend, batchSize);
        assert.equal(aggregated.late, model.late);
        assert.deepEqual(aggregated.rows, aggregateRows(model.sessions));
        const rows = await runEngine(events, rowsQuery(variant), backend, batchSize);
        assert.equal(rows.late, model.late);
        assert.deepEqual(rows.rows, tvfRows(model.sessions));
      }),
      { numRuns: runs },
    );
  });
}

test('the model itself: a late record bridges two open sessions; a record into a fired session is late', () => {
  const e = (offset: number): Event => ({ ts: BASE + offset, k: 'a', v: 1 });
  // [0, 5 s) and [6 s, 11 s) are open (watermark 3 s after 6 s); 2 s bridges them into [0, 11 s).
  const bridged = modelSessions([e(0), e(6_000), e(2_000)], VARIANTS[0]!);
  assert.deepEqual(bridged.sessions.map((s) => [s.start - BASE, s.end - BASE, s.events.length]), [[0, 11_000, 3]]);
  // After 20 s the watermark is 17 s: [0, 5 s) has fired, so 1 s is late.
  const late = modelSessions([e(0), e(20_000), e(1_000)], VARIANTS[0]!);
  assert.equal(late.late, 1);
  assert.equal(late.sessions.length, 2);
});
