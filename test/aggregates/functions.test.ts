import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, BOOLEAN, DOUBLE, INT, STRING, decimal, timestamp } from '../../src/common/types.js';
import { parseDecimal } from '../../src/common/decimal.js';
import type { Value } from '../../src/common/values.js';
import { aggregate, call } from './helpers.js';

const dec = (text: string, scale: number): bigint => parseDecimal(text, scale)!;

describe('COUNT', () => {
  it('counts rows for COUNT(*) and non-NULL values for COUNT(x), as a bigint', () => {
    assert.equal(aggregate(call('COUNT', null), [true, true, true]), 3n);
    assert.equal(aggregate(call('COUNT', INT), [1, null, 2, null]), 2n);
  });

  it('is 0, never NULL, over no rows or only NULLs', () => {
    assert.equal(aggregate(call('COUNT', null), []), 0n);
    assert.equal(aggregate(call('COUNT', STRING), [null, null]), 0n);
  });

  it('retracts', () => {
    assert.equal(aggregate(call('COUNT', INT), [1, 2, 3], [2, null]), 2n);
  });
});

describe('SUM', () => {
  it('ignores NULLs and is NULL over no non-NULL values', () => {
    assert.equal(aggregate(call('SUM', INT), [1, null, 2]), 3);
    assert.equal(aggregate(call('SUM', INT), []), null);
    assert.equal(aggregate(call('SUM', DOUBLE), [null, null]), null);
    assert.equal(aggregate(call('SUM', BIGINT), [5n], [5n]), null, 'all values retracted');
    assert.equal(aggregate(call('SUM', INT), [5, -5]), 0, 'a sum of zero is not NULL');
  });

  it('wraps INT around like a Java int', () => {
    assert.equal(aggregate(call('SUM', INT), [2147483647, 1]), -2147483648);
    assert.equal(aggregate(call('SUM', INT), [2147483647, 1], [1]), 2147483647, 'retraction undoes the wrap');
  });

  it('sums BIGINT exactly above 2^53 and wraps like a Java long', () => {
    const big = 2n ** 53n + 1n;
    assert.equal(aggregate(call('SUM', BIGINT), [big, big, 1n]), 2n ** 54n + 3n);
    assert.equal(aggregate(call('SUM', BIGINT), [2n ** 63n - 1n, 1n]), -(2n ** 63n));
  });

  it('sums DOUBLE as numbers', () => {
    assert.equal(aggregate(call('SUM', DOUBLE), [0.5, 0.25, null]), 0.75);
  });

  it('sums DECIMAL exactly: 0.1 + 0.2 = 0.30 as DECIMAL(10, 2)', () => {
    const sum = aggregate(call('SUM', decimal(10, 2)), [dec('0.1', 2), dec('0.2', 2)]);
    assert.equal(sum, 30n);
  });

  it('sums DECIMAL beyond the argument precision, up to 38 digits, then gives NULL', () => {
    const max = 10n ** 10n - 1n; // 99999999.99 in DECIMAL(10, 2)
    assert.equal(aggregate(call('SUM', decimal(10, 2)), [max, max]), 2n * max);
    const huge = 10n ** 37n * 6n; // 38 digits at scale 0
    assert.equal(aggregate(call('SUM', decimal(38, 0)), [huge]), huge);
    assert.equal(aggregate(call('SUM', decimal(38, 0)), [huge, huge]), null);
  });
});

describe('AVG', () => {
  it('truncates toward zero for INT, as Flink does', () => {
    assert.equal(aggregate(call('AVG', INT), [1, 2]), 1);
    assert.equal(aggregate(call('AVG', INT), [-1, -2]), -1);
    assert.equal(aggregate(call('AVG', INT), [1, 2, 2]), 1);
    assert.equal(aggregate(call('AVG', INT), [2147483647, 2147483647]), 2147483647, 'no int32 overflow in the sum');
  });

  it('divides BIGINT exactly above 2^53', () => {
    const big = 2n ** 60n;
    assert.equal(aggregate(call('AVG', BIGINT), [big, big + 2n]), big + 1n);
    assert.equal(aggregate(call('AVG', BIGINT), [-7n, 0n]), -3n);
  });

  it('averages DOUBLE', () => {
    assert.equal(aggregate(call('AVG', DOUBLE), [1, 2]), 1.5);
  });

  it('gives DECIMAL(p, s) at scale max(6, s), rounded HALF_UP', () => {
    // (1.00 + 2.00 + 2.00) / 3 = 1.666666666… → 1.666667 at scale 6
    assert.equal(aggregate(call('AVG', decimal(10, 2)), [100n, 200n, 200n]), 1_666_667n);
    // -1.666…: rounds away from zero too
    assert.equal(aggregate(call('AVG', decimal(10, 2)), [-100n, -200n, -200n]), -1_666_667n);
    // scale 8 stays 8: (0.00000001 + 0.00000002) / 2 = 0.000000015 → 0.00000002
    assert.equal(aggregate(call('AVG', decimal(20, 8)), [1n, 2n]), 2n);
  });

  it('ignores NULLs, is NULL over none, and retracts', () => {
    assert.equal(aggregate(call('AVG', INT), [null, 4, null, 6]), 5);
    assert.equal(aggregate(call('AVG', DOUBLE), [null]), null);
    assert.equal(aggregate(call('AVG', INT), [10, 20, 90], [90]), 15);
    assert.equal(aggregate(call('AVG', decimal(5, 1)), [10n], [10n]), null);
  });
});

describe('MIN and MAX', () => {
  const cases: [string, ReturnType<typeof call>, ReturnType<typeof call>, Value[], Value, Value][] = [
    ['INT', call('MIN', INT), call('MAX', INT), [3, -1, 7, 3], -1, 7],
    ['BIGINT', call('MIN', BIGINT), call('MAX', BIGINT), [2n ** 60n, -(2n ** 60n), 5n], -(2n ** 60n), 2n ** 60n],
    ['DOUBLE', call('MIN', DOUBLE), call('MAX', DOUBLE), [1.5, -0.5, 2.25], -0.5, 2.25],
    ['DECIMAL', call('MIN', decimal(10, 2)), call('MAX', decimal(10, 2)), [1050n, -3n, 99n], -3n, 1050n],
    ['STRING', call('MIN', STRING), call('MAX', STRING), ['pear', 'apple', 'Zebra', 'zoo'], 'Zebra', 'zoo'],
    ['BOOLEAN', call('MIN', BOOLEAN), call('MAX', BOOLEAN), [true, false, true], false, true],
    ['TIMESTAMP', call('MIN', timestamp(3, true)), call('MAX', timestamp(3)), [1586938200000, 1586937600000], 1586937600000, 1586938200000],
  ];
  for (const [name, min, max, values, expectedMin, expectedMax] of cases) {
    it(`finds the extremes of ${name} values`, () => {
      assert.equal(aggregate(min, [null, ...values, null]), expectedMin);
      assert.equal(aggregate(max, [null, ...values, null]), expectedMax);
    });
  }

  it('is NULL over no non-NULL values', () => {
    assert.equal(aggregate(call('MIN', INT), []), null);
    assert.equal(aggregate(call('MAX', STRING), [null]), null);
  });

  it('finds the next extreme when the current one is retracted', () => {
    assert.equal(aggregate(call('MIN', INT), [5, 1, 3], [1]), 3);
    assert.equal(aggregate(call('MAX', INT), [5, 1, 3], [5]), 3);
    assert.equal(aggregate(call('MAX', STRING), ['a', 'c', 'b'], ['c', 'b']), 'a');
    assert.equal(aggregate(call('MIN', INT), [5, 1], [5, 1]), null);
  });

  it('keeps the extreme while copies of it remain', () => {
    assert.equal(aggregate(call('MIN', INT), [1, 1, 4], [1]), 1);
    assert.equal(aggregate(call('MIN', INT), [1, 1, 4], [1, 1]), 4);
    assert.equal(aggregate(call('MAX', BIGINT), [9n, 9n, 2n], [9n]), 9n);
  });

  it('ignores retraction of a value it never held', () => {
    assert.equal(aggregate(call('MIN', INT), [2, 3], [1]), 2);
  });
});
