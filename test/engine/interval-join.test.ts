/**
 * Interval joins end to end: `o.ts BETWEEN s.ts - INTERVAL '1' HOUR AND s.ts` and its equivalent forms, every join
 * type (outer rows padded when their interval closes), late rows counted and logged, batch-size independence, both
 * state backends, time attributes kept (a window over an interval join), EXPLAIN, processing time, and errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotImplementedError, PlanError } from '../../src/common/errors.js';
import { Engine, type EngineOptions, type Row } from '../../src/index.js';

type Entry = readonly [time: string, k: number | null, id: string];

/** Orders and their shipments; s2 arrives after the watermark passed it (late). */
const ORDERS: readonly Entry[] = [['12:00', 1, 'o1'], ['12:10', 2, 'o2'], ['12:20', 3, 'o3'], ['13:30', 1, 'o4'], ['13:40', null, 'o5']];
const SHIPS: readonly Entry[] = [['12:30', 1, 's1'], ['12:15', 2, 's2'], ['14:00', 3, 's3'], ['14:10', 1, 's4']];

function table(entries: readonly Entry[]) {
  return {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'k', type: 'INT' }, { name: 'id', type: 'STRING' }],
    rows: entries.map(([time, k, id]) => ({ ts: `2020-04-15 ${time}:00`, k, id })),
    watermark: { column: 'ts', expression: "ts - INTERVAL '1' SECOND" },
  };
}

function engine(options: EngineOptions = {}): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('Orders', table(ORDERS));
  e.registerTable('Ships', table(SHIPS));
  return e;
}

const BETWEEN = "o.ts BETWEEN s.ts - INTERVAL '1' HOUR AND s.ts";
const query = (joinType: string, condition = BETWEEN) => `SELECT o.id, s.id AS sid FROM Orders o ${joinType} JOIN Ships s ON o.k = s.k AND ${condition}`;

function strings(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? '-' : String(v))).join(' ')).sort();
}

const EXPECTED: Record<string, string[]> = {
  INNER: ['o1 s1', 'o4 s4'],
  LEFT: ['o1 s1', 'o2 -', 'o3 -', 'o4 s4', 'o5 -'],
  RIGHT: ['- s3', 'o1 s1', 'o4 s4'],
  FULL: ['- s3', 'o1 s1', 'o2 -', 'o3 -', 'o4 s4', 'o5 -'],
};

for (const [joinType, expected] of Object.entries(EXPECTED)) {
  for (const batchSize of ['1', '4096']) {
    test(`${joinType} interval join, batch size ${batchSize}: append-only, padded rows when intervals close, late rows counted`, async () => {
      const result = engine({ config: { 'sluice.batch-size': batchSize } }).query(query(joinType));
      assert.equal(result.updating, false);
      const changes: string[] = [];
      for await (const change of result) changes.push(change.op);
      assert.ok(changes.every((op) => op === '+I'));
      const summary = await result.done();
      assert.deepEqual(summary.tables.map((t) => `${t.table} ${t.lateRecords}`).sort(), ['Orders 0', 'Ships 1']);
      assert.deepEqual(strings(await engine({ config: { 'sluice.batch-size': batchSize } }).query(query(joinType)).toArray()), expected);
    });
  }
}

test('the equivalent forms of the time condition give the same bounds and rows', async () => {
  const forms = [
    "o.ts >= s.ts - INTERVAL '1' HOUR AND o.ts <= s.ts",
    "s.ts >= o.ts AND s.ts - INTERVAL '1' HOUR <= o.ts",
    "o.ts > s.ts - INTERVAL '1' HOUR - INTERVAL '0.001' SECOND AND o.ts < s.ts + INTERVAL '0.001' SECOND",
    "s.ts <= o.ts + INTERVAL '60' MINUTE AND s.ts >= o.ts",
  ];
  const e = engine();
  for (const form of forms) {
    assert.match(e.explain(query('LEFT', form)), /windowBounds=\[isRowTime=true, ts - ts0 in \[-1 h, 0\]\]/, form);
    assert.deepEqual(strings(await e.query(query('LEFT', form)).toArray()), EXPECTED['LEFT'], form);
  }
});

test('EXPLAIN shows an IntervalJoin; the output keeps both time attributes', async () => {
  const e = engine();
  const plan = e.explain(`SELECT o.ts, s.ts AS sts, o.id FROM Orders o JOIN Ships s ON o.k = s.k AND ${BETWEEN} AND o.id <> s.id`);
  assert.match(plan, /IntervalJoin\(joinType=\[InnerJoin\], windowBounds=\[isRowTime=true, ts - ts0 in \[-1 h, 0\]\], where=\[k = k0 AND \(id <> id0\)\], select=\[ts, k, id, ts0, k0, id0\], late=\[dropped, counted for Orders, Ships\]\)/);
  assert.match(plan, /append-only \(\+I\): ts TIMESTAMP\(3\) \*ROWTIME\*, sts TIMESTAMP\(3\) \*ROWTIME\*, id STRING/);
});

test('a TUMBLE window over an interval join (on either time attribute)', async () => {
  const e = engine();
  await e.execute(`CREATE VIEW shipped AS SELECT o.id, o.ts, s.ts AS sts FROM Orders o JOIN Ships s ON o.k = s.k AND ${BETWEEN}`);
  for (const column of ['ts', 'sts']) {
    const result = e.query(`SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE shipped, DESCRIPTOR(${column}), INTERVAL '1' HOUR))
      GROUP BY window_start, window_end`);
    assert.equal(result.updating, false);
    const expected = column === 'ts' ? ['2020-04-15 12:00:00.000 1', '2020-04-15 13:00:00.000 1'] : ['2020-04-15 12:00:00.000 1', '2020-04-15 14:00:00.000 1'];
    assert.deepEqual(strings(await result.toArray()), expected, column);
  }
});

test('late rows go to the late-record log of their table, with the operator that dropped them', async () => {
  const e = engine();
  await e.query(query('INNER')).toArray();
  const late = await e.query('SELECT ts, k, id, late_reason, late_operator FROM `Ships$late`').toArray();
  assert.equal(late.length, 1);
  assert.deepEqual({ ...late[0] }, { ts: '2020-04-15 12:15:00.000', k: 2, id: 's2', late_reason: 'late', late_operator: late[0]!['late_operator'] });
  assert.match(String(late[0]!['late_operator']), /^IntervalJoin#\d+$/);
});

test('sqlite state backend: same rows as memory', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-interval-'));
  try {
    const e = engine({ baseDirectory: directory, config: { 'state.backend': 'sqlite' } });
    assert.deepEqual(strings(await e.query(query('FULL')).toArray()), EXPECTED['FULL']);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('one time bound alone is a regular join with a residual condition', () => {
  const plan = engine().explain(query('LEFT', 'o.ts <= s.ts'));
  assert.match(plan, /Join\(joinType=\[LeftOuterJoin\], where=\[k = k0 AND \(ts <= ts0\)\]/);
  assert.doesNotMatch(plan, /IntervalJoin/);
});

test('errors: an event-time and a processing-time attribute together; an aggregate input has no time attribute, so its join is a regular one', async () => {
  const e = engine();
  const plan = e.explain(`SELECT * FROM Orders o JOIN (SELECT k, MAX(ts) AS ts FROM Ships GROUP BY k) s ON o.k = s.k AND ${BETWEEN}`);
  assert.match(plan, /Join\(joinType=\[InnerJoin\], where=\[k = k0 AND \(\(ts >= \(ts0 - INTERVAL '1' HOUR\)\) AND \(ts <= ts0\)\)\], select=\[ts, k, id, k0, ts0\], changelog=\[\+I, -D\]\)/);
  e.registerTable('L', {
    columns: [{ name: 'ts', type: 'TIMESTAMP_LTZ(3)' }, { name: 'k', type: 'INT' }],
    rows: [],
    watermark: { column: 'ts', expression: 'ts' },
  });
  await e.execute('CREATE VIEW OP AS SELECT *, PROCTIME() AS pt FROM Orders');
  assert.throws(
    () => e.explain("SELECT * FROM OP a JOIN L b ON a.k = b.k AND a.pt BETWEEN b.ts - INTERVAL '1' MINUTE AND b.ts"),
    (error: unknown) => error instanceof PlanError && /two event-time or two processing-time attributes, not one of each at 1:20$/.test(error.message),
  );
});

test('processing time: rows join by arrival (never late), outer rows left unmatched are padded when the input ends', async () => {
  const e = engine();
  await e.execute('CREATE VIEW OP AS SELECT k, id, PROCTIME() AS pt FROM Orders');
  await e.execute('CREATE VIEW SP AS SELECT k, id, PROCTIME() AS pt FROM Ships');
  const sql = "SELECT o.id, s.id AS sid FROM OP o LEFT JOIN SP s ON o.k = s.k AND o.pt BETWEEN s.pt - INTERVAL '1' HOUR AND s.pt + INTERVAL '1' HOUR";
  assert.match(e.explain(sql), /IntervalJoin\(joinType=\[LeftOuterJoin\], windowBounds=\[isRowTime=false, pt - pt0 in \[-1 h, 1 h\]\]/);
  // Every row arrives within the hour of every other: all key matches join, s2 (late on event time) included.
  assert.deepEqual(strings(await e.query(sql).toArray()), ['o1 s1', 'o1 s4', 'o2 s2', 'o3 s3', 'o4 s1', 'o4 s4', 'o5 -']);
  const result = e.query(sql);
  await result.toArray();
  assert.deepEqual((await result.done()).tables.map((t) => t.lateRecords), [0, 0]);
});

test('the join holds its output watermark back by the interval: a pair older than both inputs\' watermarks still counts in its window', async () => {
  // Orders end early (watermark +∞); Ships reach 12:55 and only then, after a pause, bring the shipment of o1 (12:00).
  // The pair's order time (12:00) is far behind the combined watermark (12:54:59); held back by the 1-hour interval,
  // the join's output watermark (11:54:59) has not fired the window [12:00, 12:30) yet.
  async function* ships(): AsyncGenerator<object> {
    yield { ts: '2020-04-15 12:55:00', k: 8, id: 's8' };
    await new Promise((resolve) => setTimeout(resolve, 300));
    yield { ts: '2020-04-15 12:59:00', k: 1, id: 's1' };
  }
  const e = new Engine({ printLine: () => {} });
  e.registerTable('Orders', table([['12:00', 1, 'o1'], ['12:50', 9, 'o9']]));
  e.registerTable('Ships', { ...table([]), rows: ships() });
  await e.execute(`CREATE VIEW shipped AS SELECT o.id, o.ts FROM Orders o JOIN Ships s ON o.k = s.k AND ${BETWEEN}`);
  const result = e.query(`SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE shipped, DESCRIPTOR(ts), INTERVAL '30' MINUTE))
    GROUP BY window_start, window_end`);
  assert.deepEqual(strings(await result.toArray()), ['2020-04-15 12:00:00.000 1']);
  assert.deepEqual((await result.done()).tables.map((t) => t.lateRecords), [0, 0]);
});
