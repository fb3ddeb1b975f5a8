import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, DOUBLE, INT, STRING, decimal } from '../../src/common/types.js';
import { aggregate, call } from './helpers.js';

describe('DISTINCT aggregates', () => {
  it('counts each distinct non-NULL value once', () => {
    assert.equal(aggregate(call('COUNT', STRING, { distinct: true }), ['a', 'b', 'a', null, 'b', 'c']), 3n);
    assert.equal(aggregate(call('COUNT', INT, { distinct: true }), [null]), 0n);
  });

  it('sums and averages distinct values', () => {
    assert.equal(aggregate(call('SUM', INT, { distinct: true }), [1, 1, 2, 2, 3]), 6);
    assert.equal(aggregate(call('AVG', DOUBLE, { distinct: true }), [1, 1, 1, 4]), 2.5);
    assert.equal(aggregate(call('SUM', BIGINT, { distinct: true }), [2n ** 60n, 2n ** 60n, 1n]), 2n ** 60n + 1n);
    assert.equal(aggregate(call('SUM', decimal(10, 2), { distinct: true }), [10n, 10n, 20n]), 30n);
  });

  it('treats 0 and -0 as one value', () => {
    assert.equal(aggregate(call('COUNT', DOUBLE, { distinct: true }), [0, -0]), 1n);
  });

  it('retracts a value from the inner aggregate only when its last copy goes', () => {
    const sum = call('SUM', INT, { distinct: true });
    assert.equal(aggregate(sum, [5, 5, 7], [5]), 12, 'one 5 remains');
    assert.equal(aggregate(sum, [5, 5, 7], [5, 5]), 7);
    assert.equal(aggregate(sum, [5, 5, 7], [5, 5, 7]), null);
    const count = call('COUNT', STRING, { distinct: true });
    assert.equal(aggregate(count, ['x', 'y', 'x'], ['x']), 2n);
    assert.equal(aggregate(count, ['x', 'y', 'x'], ['x', 'x']), 1n);
    assert.equal(aggregate(count, ['x'], ['never-seen', null]), 1n);
  });

  it('works for MIN and MAX with retraction', () => {
    assert.equal(aggregate(call('MAX', INT, { distinct: true }), [3, 9, 9], [9]), 9);
    assert.equal(aggregate(call('MAX', INT, { distinct: true }), [3, 9, 9], [9, 9]), 3);
  });
});
