/**
 * User-defined aggregate functions in window aggregations (TUMBLE, HOP, CUMULATE, SESSION — the window TVFs and the
 * legacy GROUP BY SESSION(…)) and OVER aggregations: results against the same aggregate written with built-ins,
 * merging sessions through the function's merge (DISTINCT too), both state backends, EXPLAIN, and the planning
 * errors for a missing merge (SESSION) or retract (bounded OVER frames).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanError, type Engine } from '../../src/index.js';
import { BUILTIN_WEIGHTED_AVG, ordersEngine, rowLines, weightedAvg } from './user-aggregate-fixtures.js';

const windowed = (tvf: string, aggregate: string): string =>
  `SELECT item, window_start, window_end, ${aggregate} AS w FROM TABLE(${tvf}) GROUP BY item, window_start, window_end`;
const TUMBLE = "TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)";

/** Clicks whose watermark lags 10 s, so that a click at :05 arrives after :09 and bridges two sessions. */
function withClicks(engine: Engine): Engine {
  engine.registerTable('clicks', {
    columns: [{ name: 'u', type: 'STRING' }, { name: 'v', type: 'BIGINT' }, { name: 'ts', type: 'TIMESTAMP(3)' }],
    rows: ([['a', 1n, 1], ['a', 2n, 9], ['b', 4n, 3], ['a', 2n, 5], ['a', 7n, 30]] as const)
      .map(([u, v, second]) => ({ u, v, ts: `2020-01-01 00:00:${String(second).padStart(2, '0')}` })),
    watermark: { column: 'ts', expression: "ts - INTERVAL '10' SECOND" },
  });
  return engine;
}

const SESSIONS = `SELECT u, window_start, window_end, weighted_avg(v, 1) AS w, weighted_avg(DISTINCT v, 1) AS d, COUNT(*) AS n
  FROM TABLE(SESSION(TABLE clicks PARTITION BY u, DESCRIPTOR(ts), INTERVAL '4' SECOND)) GROUP BY u, window_start, window_end`;

for (const backend of ['memory', 'sqlite']) {
  test(`TUMBLE: one row per item and window; a window of NULL prices only is NULL (${backend} state)`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-udaf-window-'));
    try {
      const engine = ordersEngine({ baseDirectory: directory, config: { 'state.backend': backend } });
      const result = engine.query(windowed(TUMBLE, 'weighted_avg(price, qty)'));
      assert.equal(result.updating, false);
      assert.deepEqual(await rowLines(result), [
        'a 00:00:00 00:00:10 17.5', 'a 00:00:10 00:00:20 null', 'a 00:00:40 00:00:50 30',
        'b 00:00:00 00:00:10 5', 'b 00:00:10 00:00:20 7', 'b 00:00:40 00:00:50 5',
      ]);
      await engine.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test(`SESSION: a click bridging two sessions merges their accumulators, DISTINCT ones too (${backend} state)`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-udaf-window-'));
    try {
      const engine = withClicks(ordersEngine({ baseDirectory: directory, config: { 'state.backend': backend } }));
      // a: [1, 5) and [9, 13), then :05 → [5, 9) touches both: one session [1, 13) with 1, 2, 2 (distinct 1, 2).
      assert.deepEqual(await rowLines(engine.query(SESSIONS)), [
        'a 00:00:01 00:00:13 1.6666666666666667 1.5 3', 'a 00:00:30 00:00:34 7 7 1', 'b 00:00:03 00:00:07 4 4 1',
      ]);
      await engine.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
}

test('HOP and CUMULATE give what the same aggregate written with built-ins gives', async () => {
  const engine = ordersEngine();
  for (const tvf of [
    "HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND)",
    "CUMULATE(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '20' SECOND)",
  ]) {
    const expected = await rowLines(engine.query(windowed(tvf, BUILTIN_WEIGHTED_AVG)));
    assert.equal(expected.length, 15, tvf);
    assert.deepEqual(await rowLines(engine.query(windowed(tvf, 'weighted_avg(price, qty)'))), expected, tvf);
  }
  // FILTER in a window: only the rows whose quantity is above 1.
  const filtered = await rowLines(engine.query(windowed(TUMBLE, 'weighted_avg(price, qty) FILTER (WHERE qty > 1)')));
  assert.deepEqual(filtered, await rowLines(engine.query(windowed(TUMBLE, 'CAST(SUM(price * qty) FILTER (WHERE qty > 1) AS DOUBLE) / SUM(CASE WHEN price IS NOT NULL THEN qty END) FILTER (WHERE qty > 1)'))));
});

test('HOP needs no merge (each row goes into each of its windows); SESSION does, in the TVF and the legacy group window', async () => {
  const engine = withClicks(ordersEngine());
  engine.registerAggregateFunction('append_avg', weightedAvg({ retract: false, merge: false }));
  assert.match(engine.explain(windowed("HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND)", 'append_avg(price, qty)')),
    /WindowAggregate\(groupBy=\[item\], window=\[HOP\(.*select=\[item, window_start, window_end, window_time, append_avg\(price, qty\) AS EXPR\$0\]/);
  const planError = (sql: string): string => {
    try {
      engine.explain(sql);
    } catch (error) {
      assert.ok(error instanceof PlanError, String(error));
      return error.message;
    }
    return 'no error';
  };
  const hint = '(give its definition a merge(acc, other) method)';
  assert.equal(planError(SESSIONS.replace('weighted_avg(v', 'append_avg(v')),
    `Function 'append_avg' does not implement merge, which SESSION windows need (their accumulators merge as sessions do) at 1:37 ${hint}`);
  assert.equal(planError("SELECT u, append_avg(v, 1) AS w FROM clicks GROUP BY u, SESSION(ts, INTERVAL '4' SECOND)"),
    `Function 'append_avg' does not implement merge, which SESSION windows need (their accumulators merge as sessions do) at 1:11 ${hint}`);
  assert.deepEqual(await rowLines(engine.query("SELECT u, SESSION_START(ts, INTERVAL '4' SECOND) AS s, weighted_avg(v, 1) AS w FROM clicks GROUP BY u, SESSION(ts, INTERVAL '4' SECOND)")),
    ['a 00:00:01 1.6666666666666667', 'a 00:00:30 7', 'b 00:00:03 4']);
});

test('OVER: bounded frames retract rows leaving them; an unbounded frame needs no retract; EXPLAIN shows the call', async () => {
  const engine = ordersEngine();
  engine.registerAggregateFunction('append_avg', weightedAvg({ retract: false, merge: false }));
  const over = (aggregate: string, frame = 'ROWS BETWEEN 1 PRECEDING AND CURRENT ROW'): string =>
    `SELECT item, ts, ${aggregate} OVER (PARTITION BY item ORDER BY ts ${frame}) AS w FROM orders`;
  assert.deepEqual(await rowLines(engine.query(over('weighted_avg(price, qty)'))), [
    'a 00:00:01 10', 'a 00:00:02 17.5', 'a 00:00:12 20', 'a 00:00:40 30',
    'b 00:00:07 5', 'b 00:00:14 5.666666666666667', 'b 00:00:41 5.666666666666667',
  ]);
  const range = "WINDOW w AS (PARTITION BY item ORDER BY ts RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW)";
  assert.deepEqual(
    await rowLines(engine.query(`SELECT item, ts, weighted_avg(price, qty) OVER w AS w FROM orders ${range}`)),
    await rowLines(engine.query(`SELECT item, ts, CAST(SUM(price * qty) OVER w AS DOUBLE) / SUM(CASE WHEN price IS NOT NULL THEN qty END) OVER w AS w FROM orders ${range}`)),
  );
  assert.deepEqual(await rowLines(engine.query(over('append_avg(price, qty)', ''))), [
    'a 00:00:01 10', 'a 00:00:02 17.5', 'a 00:00:12 17.5', 'a 00:00:40 20',
    'b 00:00:07 5', 'b 00:00:14 5.666666666666667', 'b 00:00:41 5.4',
  ]);
  assert.throws(() => engine.explain(over('append_avg(price, qty)')), (error: unknown) => {
    assert.ok(error instanceof PlanError, String(error));
    assert.equal(error.message, "Function 'append_avg' does not implement retract, which it needs in a bounded OVER frame (rows leaving the frame are retracted) at 1:18 (give its definition a retract(acc, …args) method)");
    return true;
  });
  assert.match(engine.explain(over('weighted_avg(price, qty)')), /OverAggregate\(partitionBy=\[item\], .*weighted_avg\(price, qty\) AS \$agg0\]/);
});
