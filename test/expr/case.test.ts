import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expr } from '../../src/dataflow/expr.js';
import { compileExpr } from '../../src/runtime/expr/evaluate.js';
import { T, call, column, lit, run } from './expr-builders.js';

const a = column(0, T.INT);
const b = column(1, T.INT);

test('CASE takes the first WHEN that is TRUE; NULL conditions do not match; no ELSE gives NULL', () => {
  const expr: Expr = {
    kind: 'case',
    whens: [
      { when: call('greater', [a, lit(10, T.INT)], T.BOOLEAN), then: lit('big', T.STRING) },
      { when: call('greater', [a, lit(0, T.INT)], T.BOOLEAN), then: lit('positive', T.STRING) },
    ],
    otherwise: null,
    type: T.STRING,
  };
  assert.deepEqual(run(expr, [20, 5, -1, null]), ['big', 'positive', null, null]);
});

test('CASE evaluates each THEN only on its own rows (no division by zero elsewhere)', () => {
  const expr: Expr = {
    kind: 'case',
    whens: [{ when: call('not-equal', [b, lit(0, T.INT)], T.BOOLEAN), then: call('divide', [a, b], T.INT) }],
    otherwise: lit(-1, T.INT),
    type: T.INT,
  };
  assert.deepEqual(run(expr, [10, 10, 9, 7], [2, 0, 3, 0]), [5, -1, 3, -1]);
});

test('later WHENs only see rows earlier ones left, and nested CASEs compose', () => {
  const inner: Expr = {
    kind: 'case',
    whens: [{ when: call('equal', [b, lit(0, T.INT)], T.BOOLEAN), then: lit(0, T.INT) }],
    otherwise: call('divide', [a, b], T.INT),
    type: T.INT,
  };
  const outer: Expr = {
    kind: 'case',
    whens: [
      { when: call('is-null', [a], T.BOOLEAN), then: lit(-100, T.INT) },
      { when: call('greater', [a, lit(100, T.INT)], T.BOOLEAN), then: lit(100, T.INT) },
    ],
    otherwise: inner,
    type: T.INT,
  };
  assert.deepEqual(run(outer, [null, 500, 8, 8, 9], [0, 0, 0, 2, 3]), [-100, 100, 0, 4, 3]);
});

test('a compiled expression can be reused across batches of different sizes', () => {
  const compiled = compileExpr(call('multiply', [a, lit(2, T.INT)], T.INT));
  assert.deepEqual(compiled(() => [1, 2, 3], 3), [2, 4, 6]);
  assert.deepEqual(compiled(() => [21], 1), [42]);
  assert.deepEqual(compiled(() => [], 0), []);
});
