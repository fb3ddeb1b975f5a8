/**
 * Property: SESSION window aggregation with allowed lateness (and, at random, early firing). Records arrive out of
 * order, many of them beyond the watermark delay but within the allowed lateness, plus a few far too late to be
 * kept. The changelog, applied strictly (every -U / -D must remove a row that stands), must equal a batch
 * computation of the sessions over every record that was not dropped; exactly the far-too-late records are
 * dropped (counted and logged). The changelog is the same at batch size 1 and 4096, and with the SQLite backend.
 *
 * Why the batch answer is exact here: every kept record is at most `delay + lateness − gap − 2 ms` behind the
 * largest time seen, so it can never touch a session whose lateness has passed (purged sessions end at most
 * `watermark − lateness + 1 ms`, a record starts at least `watermark − lateness + gap + 2 ms`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Engine } from '../../src/index.js';

const DELAY = 3_000;
const BASE = Date.UTC(2024, 0, 1);
const ANCIENT = BASE - 3_600_000;

interface Event {
  readonly ts: number;
  readonly k: string;
  readonly v: number;
}

interface Scenario {
  readonly gap: number;
  readonly lateness: number;
  readonly earlyFire: number | null;
  readonly partitioned: boolean;
  readonly events: readonly Event[];
  /** Records placed an hour in the past: always dropped. */
  readonly ancient: number;
}

const ts = (millis: number) => new Date(millis).toISOString().replace('T', ' ').replace('Z', '');

/** The batch answer: per partition, events sorted by time, consecutive ones within the gap in one session. */
function batchRows(scenario: Scenario): string[] {
  const kept = scenario.events.filter((e) => e.ts > ANCIENT + 3_600_000 / 2);
  const byPartition = new Map<string, Event[]>();
  for (const e of kept) {
    const partition = scenario.partitioned ? e.k : '';
    byPartition.set(partition, [...(byPartition.get(partition) ?? []), e]);
  }
  const rows: string[] = [];
  for (const events of byPartition.values()) {
    const sorted = [...events].sort((a, b) => a.ts - b.ts);
    let session: Event[] = [];
    let end = Number.NEGATIVE_INFINITY;
    const close = () => {
      const byKey = new Map<string, number[]>();
      for (const e of session) byKey.set(e.k, [...(byKey.get(e.k) ?? []), e.v]);
      for (const [k, vs] of byKey) {
        rows.push([k, ts(session[0]!.ts), ts(end), vs.length, vs.reduce((a, b) => a + b, 0), Math.min(...vs), Math.max(...vs)].join(','));
      }
    };
    for (const e of sorted) {
      if (session.length > 0 && e.ts > end) {
        close();
        session = [];
      }
      session.push(e);
      end = Math.max(session.length === 1 ? Number.NEGATIVE_INFINITY : end, e.ts + scenario.gap);
    }
    if (session.length > 0) close();
  }
  return rows.sort();
}

interface Run {
  readonly changes: string[];
  readonly table: string[];
  readonly late: number;
  readonly logged: number;
}

async function runEngine(scenario: Scenario, batchSize: number, stateDir?: string): Promise<Run> {
  const config: Record<string, string> = {
    'sluice.batch-size': String(batchSize),
    'table.exec.emit.allow-lateness': `${scenario.lateness} ms`,
    ...(stateDir ? { 'state.backend': 'sqlite', 'state.dir': stateDir } : {}),
  };
  if (scenario.earlyFire !== null) {
    config['table.exec.emit.early-fire.enabled'] = 'true';
    config['table.exec.emit.early-fire.delay'] = `${scenario.earlyFire} ms`;
  }
  const engine = new Engine({ config, printLine: () => {} });
  engine.registerTable('events', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'k', type: 'STRING' }, { name: 'v', type: 'INT' }],
    rows: scenario.events.map((e) => ({ ts: e.ts, k: e.k, v: e.v })),
    watermark: { column: 'ts', expression: `ts - INTERVAL '${DELAY / 1000}' SECOND` },
  });
  const partition = scenario.partitioned ? ' PARTITION BY k' : '';
  const result = engine.query(`SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS s, MIN(v) AS lo, MAX(v) AS hi
    FROM TABLE(SESSION(TABLE events${partition}, DESCRIPTOR(ts), INTERVAL '${scenario.gap / 1000}' SECOND))
    GROUP BY k, window_start, window_end`);
  assert.equal(result.updating, true);
  const changes: string[] = [];
  const table: string[] = [];
  for await (const { op, row } of result) {
    const text = Object.values(row).map((v) => (v === null ? 'null' : String(v))).join(',');
    changes.push(`${op} ${text}`);
    if (op === '+I' || op === '+U') table.push(text);
    else {
      const index = table.indexOf(text);
      assert.ok(index >= 0, `${op} ${text} retracts a row that is not in the result: ${JSON.stringify(table)}`);
      table.splice(index, 1);
    }
  }
  const late = (await result.done()).tables.find((t) => t.table === 'events')?.lateRecords ?? -1;
  const logged = (await engine.query('SELECT ts FROM `events$late`').toArray()).length;
  await engine.close();
  return { changes, table: table.sort(), late, logged };
}

/**
 * Records are created in event-time order and each is delivered late by a random delay of up to `delay +
 * lateness − gap − 2 ms` (half of them on time): arrival order is by event time + delay. A record then arrives
 * at most that delay behind the largest time seen before it. One record in twelve is instead an hour old.
 */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    gapSeconds: fc.integer({ min: 2, max: 8 }),
    extraLateness: fc.integer({ min: 2_000, max: 20_000 }),
    earlyFire: fc.option(fc.integer({ min: 500, max: 8_000 }), { nil: null }),
    partitioned: fc.boolean(),
    raw: fc.array(
      fc.record({
        step: fc.integer({ min: 0, max: 1500 }), // thousandths of the gap
        delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
        k: fc.constantFrom('a', 'b', 'c'),
        v: fc.integer({ min: -9, max: 9 }),
        ancient: fc.integer({ min: 0, max: 11 }),
      }),
      { minLength: 1, maxLength: 40, size: 'max' },
    ),
  })
  .map(({ gapSeconds, extraLateness, earlyFire, partitioned, raw }) => {
    const gap = gapSeconds * 1000;
    const lateness = gap + extraLateness;
    const maxDelay = DELAY + lateness - gap - 2;
    let time = BASE;
    const timed = raw.map((r, i) => {
      time += Math.floor((r.step / 1000) * gap);
      return { event: { ts: time, k: r.k, v: r.v }, arrival: time + Math.floor((r.delay / 1000) * maxDelay), order: i };
    });
    const arrived = timed.sort((a, b) => a.arrival - b.arrival || a.order - b.order).map((t) => t.event);
    let ancient = 0;
    const events = arrived.map((event, i) => {
      if (i === 0 || raw[i]!.ancient !== 0) return event;
      ancient++;
      return { ...event, ts: ANCIENT + (event.ts - BASE) };
    });
    return { gap, lateness, earlyFire, partitioned, events, ancient };
  });

test('SESSION with allowed lateness: the applied changelog equals the batch sessions of the kept records, at any batch size', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (scenario) => {
      const single = await runEngine(scenario, 1);
      const expected = batchRows(scenario);
      assert.deepEqual(single.table, expected);
      assert.equal(single.late, scenario.ancient);
      assert.equal(single.logged, scenario.ancient);
      const large = await runEngine(scenario, 4096);
      assert.deepEqual(large.changes, single.changes);
      assert.equal(large.late, scenario.ancient);
    }),
    { numRuns: 60 },
  );
});

test('SESSION with allowed lateness over the SQLite state backend gives the same changelog', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (scenario) => {
      const stateDir = mkdtempSync(join(tmpdir(), 'sluice-session-late-'));
      try {
        const sqlite = await runEngine(scenario, 7, stateDir);
        assert.deepEqual(sqlite.changes, (await runEngine(scenario, 7)).changes);
        assert.deepEqual(sqlite.table, batchRows(scenario));
      } finally {
        rmSync(stateDir, { recursive: true, force: true });
      }
    }),
    { numRuns: 10 },
  );
});

test('the batch reference itself: touching records share a session, a record past the gap starts a new one', () => {
  const scenario: Scenario = {
    gap: 5_000, lateness: 10_000, earlyFire: null, partitioned: false, ancient: 0,
    events: [{ ts: BASE, k: 'a', v: 1 }, { ts: BASE + 5_000, k: 'b', v: 2 }, { ts: BASE + 10_001, k: 'a', v: 3 }],
  };
  assert.deepEqual(batchRows(scenario), [
    `a,${ts(BASE)},${ts(BASE + 10_000)},1,1,1,1`,
    `a,${ts(BASE + 10_001)},${ts(BASE + 15_001)},1,3,3,3`,
    `b,${ts(BASE)},${ts(BASE + 10_000)},1,2,2,2`,
  ]);
});
