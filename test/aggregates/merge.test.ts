/** `merge` of every aggregate function: merging the accumulators of two parts equals aggregating all rows. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BIGINT, DOUBLE, INT, STRING, decimal } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import type { AggregateCall } from '../../src/dataflow/graph.js';
import { AccumulatorSet, createAggregateFunction } from '../../src/runtime/aggregates/index.js';
import { aggregate, call, roundTrip } from './helpers.js';

/** Accumulates `left` and `right` separately (each through v8 storage), merges them, returns the value. */
function mergedValue(aggregateCall: AggregateCall, left: readonly Value[], right: readonly Value[]): Value {
  const fn = createAggregateFunction(aggregateCall);
  let a = fn.createAccumulator();
  for (const value of left) a = fn.accumulate(a, value);
  let b = fn.createAccumulator();
  for (const value of right) b = fn.accumulate(b, value);
  return fn.getValue(fn.merge(roundTrip(a), roundTrip(b)));
}

const ints = fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null });
const bigints = fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { nil: null });
const decimals = fc.option(fc.bigInt({ min: -99999n, max: 99999n }), { nil: null });
const strings = fc.option(fc.constantFrom('a', 'b', 'c', 'Hello', ''), { nil: null });
/** Small integral doubles, so that the order of additions cannot change a sum. */
const doubles = fc.option(fc.integer({ min: -50, max: 50 }).map((n) => n / 2), { nil: null });

const CASES: [string, AggregateCall, fc.Arbitrary<Value>][] = [
  ['COUNT(*)', call('COUNT', null), fc.constant(true)],
  ['COUNT(INT)', call('COUNT', INT), ints],
  ['SUM(INT)', call('SUM', INT), ints],
  ['SUM(BIGINT) wrapping like int64', call('SUM', BIGINT), bigints],
  ['SUM(DOUBLE)', call('SUM', DOUBLE), doubles],
  ['SUM(DECIMAL)', call('SUM', decimal(10, 2)), decimals],
  ['AVG(INT)', call('AVG', INT), ints],
  ['AVG(BIGINT)', call('AVG', BIGINT), bigints],
  ['AVG(DOUBLE)', call('AVG', DOUBLE), doubles],
  ['AVG(DECIMAL)', call('AVG', decimal(10, 2)), decimals],
  ['MIN(INT)', call('MIN', INT), ints],
  ['MAX(STRING)', call('MAX', STRING), strings],
  ['COUNT(DISTINCT STRING)', call('COUNT', STRING, { distinct: true }), strings],
  ['SUM(DISTINCT INT)', call('SUM', INT, { distinct: true }), ints],
  ['MAX(DISTINCT BIGINT)', call('MAX', BIGINT, { distinct: true }), bigints],
];

describe('AggregateFunction.merge', () => {
  for (const [name, aggregateCall, values] of CASES) {
    it(`${name}: merging two parts equals aggregating all rows`, () => {
      fc.assert(
        fc.property(fc.array(values, { maxLength: 12 }), fc.array(values, { maxLength: 12 }), (left, right) => {
          assert.deepEqual(mergedValue(aggregateCall, left, right), aggregate(aggregateCall, [...left, ...right]));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('merging into an empty accumulator and merging an empty one are identities', () => {
    const sum = call('SUM', INT);
    assert.equal(mergedValue(sum, [], [1, 2]), 3);
    assert.equal(mergedValue(sum, [1, 2], []), 3);
    assert.equal(mergedValue(sum, [], []), null);
    assert.equal(mergedValue(call('MIN', INT), [], [4, 2]), 2);
  });

  it('keeps retraction working after a merge (MIN recomputed from the merged multiset, DISTINCT counts added)', () => {
    const min = createAggregateFunction(call('MIN', INT));
    let a = min.accumulate(min.createAccumulator(), 3);
    let b = min.accumulate(min.accumulate(min.createAccumulator(), 1), 5);
    a = min.merge(a, b);
    assert.equal(min.getValue(a), 1);
    a = min.retract(a, 1);
    assert.equal(min.getValue(a), 3);

    const distinct = createAggregateFunction(call('COUNT', STRING, { distinct: true }));
    let x = distinct.accumulate(distinct.createAccumulator(), 'a');
    const y = distinct.accumulate(distinct.accumulate(distinct.createAccumulator(), 'a'), 'b');
    x = distinct.merge(x, y);
    assert.equal(distinct.getValue(x), 2n);
    x = distinct.retract(x, 'a'); // one of the two copies of 'a': still distinct count 2
    assert.equal(distinct.getValue(x), 2n);
    x = distinct.retract(x, 'a');
    assert.equal(distinct.getValue(x), 1n);
  });

  it('AccumulatorSet.merge merges call by call', () => {
    const set = new AccumulatorSet([call('COUNT', null), call('SUM', INT, { argIndex: 0 }), call('MAX', INT, { argIndex: 0 })]);
    const a = set.create();
    const b = set.create();
    set.accumulate(a, [true, 4, 4], false);
    set.accumulate(b, [true, 7, 7], false);
    set.accumulate(b, [true, null, null], false);
    set.merge(a, b);
    assert.deepEqual(set.values(a), [3n, 11, 7]);
  });
});
