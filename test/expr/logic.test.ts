import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Value } from '../../src/common/values.js';
import { T, binary, call, column, lit, run } from './expr-builders.js';

const VALUES: readonly (boolean | null)[] = [true, false, null];
const left = VALUES.flatMap((a) => VALUES.map(() => a));
const right = VALUES.flatMap(() => VALUES);

test('AND follows three-valued logic', () => {
  const expected: Value[] = [true, false, null, false, false, false, null, false, null];
  assert.deepEqual(binary('and', T.BOOLEAN, T.BOOLEAN, T.BOOLEAN, left, right), expected);
});

test('OR follows three-valued logic', () => {
  const expected: Value[] = [true, true, true, true, false, null, true, null, null];
  assert.deepEqual(binary('or', T.BOOLEAN, T.BOOLEAN, T.BOOLEAN, left, right), expected);
});

test('NOT, IS NULL and IS NOT NULL', () => {
  assert.deepEqual(run(call('not', [column(0, T.BOOLEAN)], T.BOOLEAN), VALUES), [false, true, null]);
  assert.deepEqual(run(call('is-null', [column(0, T.INT)], T.BOOLEAN), [1, null, 0]), [false, true, false]);
  assert.deepEqual(run(call('is-not-null', [column(0, T.INT)], T.BOOLEAN), [1, null, 0]), [true, false, true]);
});

test('the right side of AND / OR only runs on rows the left side leaves open', () => {
  // b <> 0 AND a / b > 1: rows with b = 0 must not divide
  const bNotZero = call('not-equal', [column(1, T.INT), lit(0, T.INT)], T.BOOLEAN);
  const quotientAboveOne = call('greater', [call('divide', [column(0, T.INT), column(1, T.INT)], T.INT), lit(1, T.INT)], T.BOOLEAN);
  const and = call('and', [bNotZero, quotientAboveOne], T.BOOLEAN);
  assert.deepEqual(run(and, [10, 5, 3, null], [0, 2, 3, 1]), [false, true, false, null]);
  const bIsZero = call('equal', [column(1, T.INT), lit(0, T.INT)], T.BOOLEAN);
  const or = call('or', [bIsZero, quotientAboveOne], T.BOOLEAN);
  assert.deepEqual(run(or, [10, 5, 3], [0, 2, 3]), [true, true, false]);
});

test('the evaluator returns a fresh array, even for a bare column', () => {
  const input = [1, 2, 3];
  const output = run(column(0, T.INT), input);
  assert.deepEqual(output, input);
  assert.notEqual(output, input);
  assert.deepEqual(run(lit('x', T.STRING), [0, 0]), ['x', 'x']);
});
