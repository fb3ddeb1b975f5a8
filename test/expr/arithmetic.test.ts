import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExecutionError } from '../../src/common/errors.js';
import { T, binary, call, column, lit, run } from './expr-builders.js';

test('NULL propagates through arithmetic, comparison and concatenation', () => {
  assert.deepEqual(binary('add', T.INT, T.INT, T.INT, [1, null, 3], [null, 2, 4]), [null, null, 7]);
  assert.deepEqual(binary('less', T.DOUBLE, T.DOUBLE, T.BOOLEAN, [1, null], [null, 2]), [null, null]);
  assert.deepEqual(binary('concat', T.STRING, T.STRING, T.STRING, ['a', null, 'c'], ['b', 'x', 'd']), ['ab', null, 'cd']);
  assert.deepEqual(run(call('negate', [column(0, T.BIGINT)], T.BIGINT), [null, 5n]), [null, -5n]);
});

test('INT arithmetic wraps like a Java int', () => {
  const max = 2 ** 31 - 1;
  const min = -(2 ** 31);
  assert.deepEqual(binary('add', T.INT, T.INT, T.INT, [max], [1]), [min]);
  assert.deepEqual(binary('subtract', T.INT, T.INT, T.INT, [min], [1]), [max]);
  assert.deepEqual(binary('multiply', T.INT, T.INT, T.INT, [65536, 123456789], [65536, 1000]), [0, -1097262584]);
  assert.deepEqual(binary('divide', T.INT, T.INT, T.INT, [min], [-1]), [min]);
  assert.deepEqual(run(call('negate', [column(0, T.INT)], T.INT), [min]), [min]);
});

test('integer division and modulo truncate toward zero', () => {
  assert.deepEqual(binary('divide', T.INT, T.INT, T.INT, [7, -7, 7, -7], [2, 2, -2, -2]), [3, -3, -3, 3]);
  assert.deepEqual(binary('modulo', T.INT, T.INT, T.INT, [7, -7, 7], [3, 3, -3]), [1, -1, 1]);
  assert.deepEqual(binary('divide', T.BIGINT, T.BIGINT, T.BIGINT, [-7n], [2n]), [-3n]);
});

test('BIGINT is exact beyond 2^53 and wraps at 64 bits', () => {
  const big = 2n ** 53n + 1n;
  assert.deepEqual(binary('add', T.BIGINT, T.BIGINT, T.BIGINT, [big], [2n]), [2n ** 53n + 3n]);
  assert.deepEqual(binary('multiply', T.BIGINT, T.BIGINT, T.BIGINT, [big], [3n]), [27021597764222979n]);
  assert.deepEqual(binary('add', T.BIGINT, T.BIGINT, T.BIGINT, [2n ** 63n - 1n], [1n]), [-(2n ** 63n)]);
  assert.deepEqual(binary('equal', T.BIGINT, T.BIGINT, T.BOOLEAN, [big], [2n ** 53n]), [false]);
});

test('DOUBLE follows IEEE 754, including division by zero', () => {
  assert.deepEqual(binary('divide', T.DOUBLE, T.DOUBLE, T.DOUBLE, [1, -1, 0], [0, 0, 0]).map(String), ['Infinity', '-Infinity', 'NaN']);
  assert.deepEqual(binary('add', T.DOUBLE, T.DOUBLE, T.DOUBLE, [0.1], [0.2]), [0.1 + 0.2]);
  assert.deepEqual(binary('equal', T.DOUBLE, T.DOUBLE, T.BOOLEAN, [NaN, 1.5], [NaN, 1.5]), [false, true]);
});

test('integer and DECIMAL division or modulo by zero fail with ExecutionError', () => {
  const cases: [() => unknown, string][] = [
    [() => binary('divide', T.INT, T.INT, T.INT, [1], [0]), 'INT /'],
    [() => binary('modulo', T.INT, T.INT, T.INT, [1], [0]), 'INT %'],
    [() => binary('divide', T.BIGINT, T.BIGINT, T.BIGINT, [1n], [0n]), 'BIGINT /'],
    [() => binary('divide', T.dec(5, 2), T.dec(5, 2), T.dec(19, 13), [100n], [0n]), 'DECIMAL /'],
    [() => binary('modulo', T.dec(5, 2), T.dec(5, 2), T.dec(5, 2), [100n], [0n]), 'DECIMAL %'],
  ];
  for (const [fn, what] of cases) {
    assert.throws(fn, (error: unknown) => error instanceof ExecutionError && error.message === 'Division by zero', what);
  }
});

test('DECIMAL addition and subtraction are exact across scales', () => {
  // 1.5 (DECIMAL(2,1)) + 0.25 (DECIMAL(3,2)) = 1.75 as DECIMAL(4,2)
  assert.deepEqual(binary('add', T.dec(2, 1), T.dec(3, 2), T.dec(4, 2), [15n], [25n]), [175n]);
  // 0.1 + 0.2 is exactly 0.3
  assert.deepEqual(binary('add', T.dec(2, 1), T.dec(2, 1), T.dec(3, 1), [1n], [2n]), [3n]);
  assert.deepEqual(binary('subtract', T.dec(10, 2), T.dec(10, 0), T.dec(13, 2), [1000n], [3n]), [700n]);
  // 38-digit values stay exact
  const huge = 10n ** 37n - 1n;
  assert.deepEqual(binary('add', T.dec(37, 0), T.dec(37, 0), T.dec(38, 0), [huge], [huge]), [2n * huge]);
});

test('DECIMAL multiplication and division round HALF_UP to the result scale', () => {
  // 1.25 × 1.5 = 1.875 exactly at scale 3
  assert.deepEqual(binary('multiply', T.dec(3, 2), T.dec(2, 1), T.dec(5, 3), [125n], [15n]), [1875n]);
  // reduced result scale 2: 1.875 → 1.88, -1.875 → -1.88
  assert.deepEqual(binary('multiply', T.dec(3, 2), T.dec(2, 1), T.dec(5, 2), [125n, -125n], [15n, 15n]), [188n, -188n]);
  // 10.00 / 3 at scale 13 = 3.3333333333333; 2 / 3 → 0.6666666666667
  assert.deepEqual(binary('divide', T.dec(10, 2), T.dec(10, 0), T.dec(21, 13), [1000n], [3n]), [33333333333333n]);
  assert.deepEqual(binary('divide', T.dec(10, 0), T.dec(10, 0), T.dec(21, 11), [2n, -2n], [3n, 3n]), [66666666667n, -66666666667n]);
  // 1 / 0.125 = 8 at scale 6
  assert.deepEqual(binary('divide', T.dec(1, 0), T.dec(4, 3), T.dec(12, 6), [1n], [125n]), [8000000n]);
  // 7.5 % 2 = 1.5
  assert.deepEqual(binary('modulo', T.dec(2, 1), T.dec(10, 0), T.dec(2, 1), [75n, -75n], [2n, 2n]), [15n, -15n]);
});

test('a DECIMAL result beyond its precision is NULL', () => {
  assert.deepEqual(binary('multiply', T.dec(3, 0), T.dec(3, 0), T.dec(4, 0), [999n, 10n], [999n, 10n]), [null, 100n]);
});

test('comparisons: DECIMALs of different scales exactly, strings by code point, booleans FALSE < TRUE', () => {
  assert.deepEqual(binary('equal', T.dec(3, 2), T.dec(2, 1), T.BOOLEAN, [150n, 151n], [15n, 15n]), [true, false]);
  assert.deepEqual(binary('greater', T.dec(3, 2), T.dec(2, 1), T.BOOLEAN, [151n, 149n], [15n, 15n]), [true, false]);
  assert.deepEqual(binary('less-equal', T.dec(20, 19), T.dec(1, 0), T.BOOLEAN, [10000000000000000001n], [1n]), [false]);
  assert.deepEqual(binary('less', T.STRING, T.STRING, T.BOOLEAN, ['apple', 'b', '\uffff', 'ab'], ['banana', 'a', '\u{1F600}', 'abc']), [true, false, true, true]);
  assert.deepEqual(binary('less', T.BOOLEAN, T.BOOLEAN, T.BOOLEAN, [false, true], [true, false]), [true, false]);
  assert.deepEqual(binary('greater-equal', T.INT, T.INT, T.BOOLEAN, [1, 2, 3], [2, 2, 2]), [false, true, true]);
  assert.deepEqual(binary('not-equal', T.STRING, T.STRING, T.BOOLEAN, ['a', 'a'], ['a', 'b']), [false, true]);
});

test('TIMESTAMP ± INTERVAL shifts milliseconds', () => {
  const ts = Date.UTC(2020, 3, 15, 8, 5);
  const minusOneSecond = call('timestamp-subtract-interval', [column(0, T.TS3), lit(1000, T.INTERVAL)], T.TS3);
  assert.deepEqual(run(minusOneSecond, [ts, null]), [ts - 1000, null]);
  const plusTenMinutes = call('timestamp-add-interval', [column(0, T.TS3), lit(600_000, T.INTERVAL)], T.TS3);
  assert.deepEqual(run(plusTenMinutes, [ts]), [Date.UTC(2020, 3, 15, 8, 15)]);
  assert.deepEqual(binary('add', T.INTERVAL, T.INTERVAL, T.INTERVAL, [1000], [500]), [1500]);
});
