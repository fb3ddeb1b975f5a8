/**
 * OVER aggregations end to end: RANGE with an interval, ROWS n, unbounded frames, peers, late rows counted,
 * batch-size independence, EXPLAIN, and planning errors. (Flink's answers: test/conformance/over-*.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotImplementedError, PlanError } from '../../src/common/errors.js';
import { Engine, type EngineOptions, type Row } from '../../src/index.js';

const ROWS: readonly [string, string, number][] = [
  ['10:00', 'a', 1], ['10:10', 'a', 2], ['10:10', 'b', 5], ['10:30', 'a', 3], ['10:30', 'a', 4],
  ['10:05', 'a', 100], ['11:10', 'a', 5], ['11:31', 'a', 6], ['12:00', 'b', 7],
];

function engine(options: EngineOptions = {}): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('T', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'k', type: 'STRING' }, { name: 'x', type: 'INT' }],
    rows: ROWS.map(([t, k, x]) => ({ ts: `2020-04-15 ${t}:00`, k, x })),
    watermark: { column: 'ts', expression: "ts - INTERVAL '1' MINUTE" },
  });
  return e;
}

function strings(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? '-' : String(v).replace('2020-04-15 ', '').replace(':00.000', ''))).join(' ')).sort();
}

const RANGE_HOUR = `SELECT k, ts, x, SUM(x) OVER w AS s, COUNT(*) OVER w AS n, MIN(x) OVER w AS lo FROM T
  WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)`;

for (const batchSize of ['1', '4096']) {
  test(`RANGE 1 HOUR per key, batch size ${batchSize}: peers share values, the row 1 h before is in, late row dropped and counted`, async () => {
    const result = engine({ config: { 'sluice.batch-size': batchSize } }).query(RANGE_HOUR);
    assert.equal(result.updating, false);
    assert.deepEqual(strings(await result.toArray()), [
      'a 10:00 1 1 1 1', 'a 10:10 2 3 2 1', 'a 10:30 3 10 4 1', 'a 10:30 4 10 4 1',
      'a 11:10 5 14 4 2', 'a 11:31 6 11 2 5', 'b 10:10 5 5 1 5', 'b 12:00 7 7 1 7',
    ]);
    const summary = await result.done();
    assert.deepEqual(summary.tables.map((t) => `${t.table} ${t.lateRecords}`), ['T 1']);
  });

  test(`ROWS 1 PRECEDING without PARTITION BY and RANGE UNBOUNDED (default frame), batch size ${batchSize}`, async () => {
    const e = engine({ config: { 'sluice.batch-size': batchSize } });
    const rows = strings(await e.query('SELECT ts, x, SUM(x) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM T').toArray());
    assert.deepEqual(rows, ['10:00 1 1', '10:10 2 3', '10:10 5 7', '10:30 3 8', '10:30 4 7', '11:10 5 9', '11:31 6 11', '12:00 7 13']);
    const running = strings(await e.query('SELECT k, ts, COUNT(x) OVER (PARTITION BY k ORDER BY ts) AS n FROM T').toArray());
    assert.deepEqual(running, ['a 10:00 1', 'a 10:10 2', 'a 10:30 4', 'a 10:30 4', 'a 11:10 5', 'a 11:31 6', 'b 10:10 1', 'b 12:00 2']);
  });
}

test('EXPLAIN shows the OverAggregate with keys, order, frame and aggregates; append-only, rowtime kept', () => {
  const plan = engine().explain(RANGE_HOUR);
  assert.match(plan, /OverAggregate\(partitionBy=\[k\], orderBy=\[ts ASC\], window=\[RANGE BETWEEN 1 h PRECEDING AND CURRENT ROW\], select=\[ts, k, x, SUM\(x\) AS \$agg0, COUNT\(\*\) AS \$agg1, MIN\(x\) AS \$agg2\]/);
  assert.match(plan, /Exchange\(distribution=\[hash\[k\]\]\)/);
  assert.match(plan, /append-only \(\+I\): k STRING, ts TIMESTAMP\(3\) \*ROWTIME\*/);
});

test('errors: ORDER BY not a time attribute, DESC, FOLLOWING, different windows, updating input', () => {
  const e = engine();
  const cases: [string, RegExp, typeof PlanError | typeof NotImplementedError][] = [
    ['SELECT SUM(x) OVER (PARTITION BY k ORDER BY x) FROM T', /ordering in stream mode must be defined on a time attribute/, PlanError],
    ['SELECT SUM(x) OVER (PARTITION BY k) FROM T', /ordering in stream mode must be defined on a time attribute/, PlanError],
    ['SELECT SUM(x) OVER (ORDER BY ts DESC) FROM T', /ascending/, PlanError],
    ['SELECT SUM(x) OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM T', /must end at CURRENT ROW/, NotImplementedError],
    ['SELECT SUM(x) OVER (ORDER BY ts), COUNT(*) OVER (PARTITION BY k ORDER BY ts) FROM T', /same window/, NotImplementedError],
    ['SELECT SUM(n) OVER (ORDER BY ts) FROM (SELECT k, MAX(ts) AS ts, COUNT(*) AS n FROM T GROUP BY k)', /updating input|time attribute/, NotImplementedError],
    ["SELECT SUM(x) OVER (ORDER BY ts RANGE BETWEEN 3 PRECEDING AND CURRENT ROW) FROM T", /interval literal/, PlanError],
  ];
  for (const [sql, message, type] of cases) {
    assert.throws(() => e.explain(sql), (error: unknown) => error instanceof Error && message.test(error.message) && (error instanceof type || error instanceof PlanError), sql);
  }
});

for (const batchSize of ['1', '4096']) {
  test(`LAG per key: previous value, offset with default, peers of the default RANGE frame share one value, batch size ${batchSize}`, async () => {
    const e = engine({ config: { 'sluice.batch-size': batchSize } });
    const rows = strings(await e.query(`SELECT k, ts, x, LAG(x) OVER w AS p, LAG(x, 2, -1) OVER w AS p2, LAG(x, 0) OVER w AS p0 FROM T
      WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`).toArray());
    assert.deepEqual(rows, [
      'a 10:00 1 - -1 1', 'a 10:10 2 1 -1 2', 'a 10:30 3 2 1 3', 'a 10:30 4 3 2 4', 'a 11:10 5 4 3 5', 'a 11:31 6 5 4 6',
      'b 10:10 5 - -1 5', 'b 12:00 7 5 -1 7',
    ]);
    const peers = strings(await e.query("SELECT k, ts, x, LAG(CAST(x AS STRING), 1, 'none') OVER (PARTITION BY k ORDER BY ts) AS p FROM T").toArray());
    assert.deepEqual(peers, ['a 10:00 1 none', 'a 10:10 2 1', 'a 10:30 3 3', 'a 10:30 4 3', 'a 11:10 5 4', 'a 11:31 6 5', 'b 10:10 5 none', 'b 12:00 7 5']);
  });
}

test('LAG errors: without OVER, in a bounded frame, a non-literal offset, a default of another type; LEAD is refused', () => {
  const e = engine();
  const cases: [string, RegExp][] = [
    ['SELECT LAG(x) FROM T', /LAG\(…\) is a window function: call it with OVER/],
    ['SELECT k, LAG(x) FROM T GROUP BY k, x', /LAG\(…\) is a window function/],
    ['SELECT LAG(x) OVER (ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM T', /needs a frame that starts UNBOUNDED PRECEDING/],
    ['SELECT LAG(x, x) OVER (ORDER BY ts) FROM T', /offset must be a non-negative integer literal/],
    ['SELECT LAG(x, -1) OVER (ORDER BY ts) FROM T', /offset must be a non-negative integer literal/],
    ["SELECT LAG(x, 1, 'none') OVER (ORDER BY ts) FROM T", /LAG's default \(STRING\) does not fit its value \(INT\)/],
    ['SELECT LAG(DISTINCT x) OVER (ORDER BY ts) FROM T', /DISTINCT is not allowed in LAG/],
    ['SELECT LEAD(x) OVER (ORDER BY ts) FROM T', /LEAD\(\) OVER \(…\) is not supported in stream mode/],
  ];
  for (const [sql, message] of cases) {
    assert.throws(() => e.explain(sql), (error: unknown) => (error instanceof PlanError || error instanceof NotImplementedError) && message.test(error.message), sql);
  }
});
