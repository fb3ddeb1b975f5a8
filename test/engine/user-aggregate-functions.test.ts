/**
 * User-defined aggregate functions in non-windowed GROUP BY: the changelog of an insert-only input, retraction
 * over an updating input, FILTER (WHERE …) and DISTINCT, NULL arguments passed as they are, EXPLAIN, both state
 * backends, and the errors that name the function: missing retract, a throwing function, a wrong result type,
 * an accumulator that state cannot hold, bad registrations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionError, PlanError, type Engine } from '../../src/index.js';
import { changeLines, ordersEngine, rowLines, weightedAvg } from './user-aggregate-fixtures.js';

const PER_ITEM = 'SELECT item, weighted_avg(price, qty) AS w FROM orders GROUP BY item';
const OVER_UPDATES = 'SELECT weighted_avg(total, 1) AS w, COUNT(*) AS n FROM (SELECT item, SUM(price) AS total FROM orders GROUP BY item)';

for (const backend of ['memory', 'sqlite']) {
  test(`GROUP BY: -U/+U as each group's value changes; a row the function ignores changes nothing (${backend} state)`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-udaf-'));
    try {
      const engine = ordersEngine({ baseDirectory: directory, config: { 'state.backend': backend, 'sluice.batch-size': '2' } });
      assert.deepEqual(await changeLines(engine.query(PER_ITEM)), [
        '+I a 10', '-U a 10', '+U a 17.5', '+I b 5', '-U b 5', '+U b 5.666666666666667',
        // a's NULL price: weighted_avg skips it, its value stays 17.5, nothing is emitted
        '-U a 17.5', '+U a 20', '-U b 5.666666666666667', '+U b 5.4',
      ]);
      await engine.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test(`over an updating input the function's retract takes rows out again (${backend} state)`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-udaf-'));
    try {
      const engine = ordersEngine({ baseDirectory: directory, config: { 'state.backend': backend } });
      // The inner SUM per item: +I a 10, -U a 10, +U a 30, +I b 5, -U b 5, +U b 12, -U a 30, +U a 60, -U b 12, +U b 17.
      assert.deepEqual(await changeLines(engine.query(OVER_UPDATES)), [
        '+I 10 1', '-D 10 1', '+I 30 1', '-U 30 1', '+U 17.5 2', '-U 17.5 2', '+U 30 1', '-U 30 1', '+U 21 2',
        '-U 21 2', '+U 12 1', '-U 12 1', '+U 36 2', '-U 36 2', '+U 60 1', '-U 60 1', '+U 38.5 2',
      ]);
      await engine.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
}

function planError(engine: Engine, sql: string): string {
  try {
    engine.explain(sql);
  } catch (error) {
    assert.ok(error instanceof PlanError, String(error));
    return error.message;
  }
  return 'no error';
}

test('without retract, an updating input is refused when planned, naming the function', () => {
  const engine = ordersEngine();
  engine.registerAggregateFunction('append_avg', weightedAvg({ retract: false }));
  assert.equal(
    planError(engine, OVER_UPDATES.replace('weighted_avg', 'append_avg')),
    "Function 'append_avg' does not implement retract, which it needs over an updating input (GROUP BY without a window) at 1:8 (give its definition a retract(acc, …args) method)",
  );
  assert.match(engine.explain(PER_ITEM.replace('weighted_avg', 'append_avg')), /append_avg\(price, qty\)/, 'an append-only input needs no retract');
});

test('FILTER (WHERE …) leaves rows out; NULL arguments are passed as they are; DISTINCT passes each argument tuple once', async () => {
  const engine = ordersEngine();
  engine.registerAggregateFunction('seen', {
    parameters: ['BIGINT'],
    returns: 'STRING',
    createAccumulator: () => ({ values: [] as string[] }),
    accumulate: (acc, value) => void acc.values.push(value === null ? 'NULL' : `${typeof value}:${String(value)}`),
    retract: (acc, value) => void acc.values.splice(acc.values.indexOf(value === null ? 'NULL' : `${typeof value}:${String(value)}`), 1),
    getValue: (acc) => acc.values.join(','),
  });
  const sql = `SELECT item, seen(price) AS all_rows, seen(price) FILTER (WHERE qty > 1) AS qty_over_1, seen(DISTINCT price) AS d,
    weighted_avg(price, qty) FILTER (WHERE qty > 1) AS w, weighted_avg(DISTINCT price, 1) AS dw FROM orders GROUP BY item`;
  assert.deepEqual(await rowLines(engine.query(sql)), [
    'a bigint:10,bigint:20,NULL,bigint:30 bigint:20,NULL bigint:10,bigint:20,NULL,bigint:30 20 20',
    'b bigint:5,bigint:7,bigint:5 bigint:5,bigint:5 bigint:5,bigint:7 5 6',
  ]);
  // DISTINCT and FILTER over an updating input: a retraction undoes exactly what its row did.
  const updating = `SELECT seen(DISTINCT total) AS d, seen(total) FILTER (WHERE total > 20) AS f
    FROM (SELECT item, SUM(price) AS total FROM orders GROUP BY item)`;
  assert.deepEqual(await rowLines(engine.query(updating)), ['bigint:60,bigint:17 bigint:60']);
});

test('EXPLAIN shows the call like a built-in aggregate, with DISTINCT and FILTER', () => {
  const plan = ordersEngine().explain('SELECT item, weighted_avg(DISTINCT price, qty) FILTER (WHERE qty > 1) AS w, SUM(qty) AS q FROM orders GROUP BY item');
  assert.match(plan, /GroupAggregate\(groupBy=\[item\], select=\[item, weighted_avg\(DISTINCT price, qty\) FILTER \(WHERE \(qty > 1\)\) AS EXPR\$0, SUM\(qty\) AS EXPR\$1\]/);
});

test('a function that throws fails the job naming it and the call; so does a result of the wrong type', async () => {
  const engine = ordersEngine();
  engine.registerAggregateFunction('explode', {
    ...weightedAvg(),
    accumulate(_acc, value) {
      if (value === 20n) throw new Error('boom');
    },
  });
  engine.registerAggregateFunction('wrong', { ...weightedAvg(), returns: 'INT', getValue: () => 'not a number' });
  await assert.rejects(engine.query('SELECT item,\n  explode(price, qty) FROM orders GROUP BY item').toArray(), (error: unknown) => {
    assert.ok(error instanceof ExecutionError, String(error));
    assert.equal(error.message, "Function 'explode' failed in accumulate: boom at 2:3");
    return true;
  });
  await assert.rejects(engine.query('SELECT wrong(price, qty) FROM orders').toArray(), (error: unknown) => {
    assert.ok(error instanceof ExecutionError, String(error));
    assert.match(error.message, /^Cannot read the result of function 'wrong' as INT: "not a number" is not an integer at 1:8$/);
    return true;
  });
  await engine.close();
});

test('an accumulator state could not hold fails the job naming the function', async () => {
  class Totals {
    sum = 0n;
  }
  const engine = ordersEngine();
  engine.registerAggregateFunction('classy', { ...weightedAvg(), createAccumulator: () => new Totals() as never });
  engine.registerAggregateFunction('callable', {
    parameters: ['BIGINT'], returns: 'BIGINT',
    createAccumulator: () => ({ total: 0n, add: undefined as undefined | (() => void) }),
    accumulate(acc) {
      acc.add = () => {};
    },
    getValue: (acc) => acc.total,
  });
  await assert.rejects(engine.query('SELECT classy(price, qty) FROM orders').toArray(),
    /^ExecutionError: The accumulator of function 'classy' is an instance of class Totals, which state would give back as a plain object \(after createAccumulator\) at 1:8 \(accumulators live in keyed state/);
  await assert.rejects(engine.query('SELECT callable(price) FROM orders').toArray(),
    /The accumulator of function 'callable' cannot be stored: acc.add is a function \(after accumulate\) at 1:8/);
  await engine.close();
});

test('registration: built-in names, missing methods, bad types and names taken by scalar functions are refused', () => {
  const engine = ordersEngine();
  assert.throws(() => engine.registerAggregateFunction('sum', weightedAvg()), /'sum' is a built-in function/);
  assert.throws(() => engine.registerAggregateFunction('Row_Number', weightedAvg()), /'Row_Number' is a built-in function/);
  assert.throws(() => engine.registerAggregateFunction('f', { ...weightedAvg(), getValue: undefined as never }), /Aggregate function 'f': 'getValue' must be a function/);
  assert.throws(() => engine.registerAggregateFunction('g', { ...weightedAvg(), parameters: ['BIGNT'] }), /Function 'g': parameter 1 'BIGNT' is not a type/);
  engine.registerFunction('twice', { parameters: ['INT'], returns: 'INT', eval: (x) => (x === null ? null : (x as number) * 2) });
  assert.throws(() => engine.registerAggregateFunction('twice', weightedAvg()), /'twice' is already a scalar function/);
  assert.throws(() => engine.registerFunction('weighted_avg', { parameters: [], returns: 'INT', eval: () => 1 }), /'weighted_avg' is already an aggregate function/);
  assert.equal(planError(engine, 'SELECT weighted_avg(price) FROM orders'), "Function 'weighted_avg' takes 2 arguments, got 1 at 1:8");
  assert.equal(planError(engine, "SELECT weighted_avg(price, item) FROM orders"), "Function 'weighted_avg' takes INT as argument 2, not STRING at 1:28");
  assert.equal(planError(engine, 'SELECT * FROM orders WHERE weighted_avg(price, qty) > 1'), "Aggregate function 'WEIGHTED_AVG' is not allowed in WHERE at 1:28");
});

test('a function without parameters counts the rows FILTER lets through; HAVING and nested expressions use it like a built-in', async () => {
  const engine = ordersEngine();
  engine.registerAggregateFunction('row_count', {
    parameters: [],
    returns: 'BIGINT',
    createAccumulator: () => ({ n: 0n }),
    accumulate: (acc) => void (acc.n += 1n),
    retract: (acc) => void (acc.n -= 1n),
    merge: (acc, other) => void (acc.n += other.n),
    getValue: (acc) => acc.n,
  });
  const sql = `SELECT item, row_count() AS n, row_count() FILTER (WHERE qty > 1) AS big, weighted_avg(price, qty) * 2 AS w2
    FROM orders GROUP BY item HAVING row_count() > 3`;
  assert.deepEqual(await rowLines(engine.query(sql)), ['a 4 2 40']);
});
