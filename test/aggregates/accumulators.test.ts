import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, DOUBLE, INT, STRING, decimal } from '../../src/common/types.js';
import { PlanError } from '../../src/common/errors.js';
import type { Value } from '../../src/common/values.js';
import type { AggregateCall } from '../../src/dataflow/graph.js';
import { AccumulatorSet, createAggregateFunction } from '../../src/runtime/aggregates/index.js';
import { aggregate, aggregateThroughStorage, call, roundTrip } from './helpers.js';

describe('accumulators in storage', () => {
  const cases: [string, AggregateCall, Value[], Value[]][] = [
    ['COUNT(*)', call('COUNT', null), [true, true, true], [true]],
    ['SUM(INT)', call('SUM', INT), [1, null, 2147483647], [1]],
    ['SUM(BIGINT)', call('SUM', BIGINT), [2n ** 62n, 2n ** 62n], [1n]],
    ['SUM(DECIMAL)', call('SUM', decimal(10, 2)), [10n, 20n], []],
    ['AVG(DECIMAL)', call('AVG', decimal(10, 2)), [100n, 200n, 200n], []],
    ['AVG(INT)', call('AVG', INT), [1, 2, 4], [4]],
    ['MIN(STRING)', call('MIN', STRING), ['b', 'a', 'c'], ['a']],
    ['MAX(BIGINT)', call('MAX', BIGINT), [2n ** 60n, 3n, 2n ** 60n], [2n ** 60n, 2n ** 60n]],
    ['COUNT(DISTINCT BIGINT)', call('COUNT', BIGINT, { distinct: true }), [1n, 1n, 2n], [1n]],
    ['SUM(DISTINCT DOUBLE)', call('SUM', DOUBLE, { distinct: true }), [1.5, 1.5, 2], [2]],
  ];
  for (const [name, aggregateCall, values, retracted] of cases) {
    it(`${name} gives the same result when its accumulator goes through v8.serialize after every step`, () => {
      const expected = aggregate(aggregateCall, values, retracted);
      assert.equal(aggregateThroughStorage(aggregateCall, values, retracted), expected);
    });
  }

  it('keeps the multiset of MIN/MAX and the seen values of DISTINCT through a round trip', () => {
    const min = createAggregateFunction(call('MIN', BIGINT));
    let acc = min.createAccumulator();
    for (const value of [5n, 1n, 3n]) acc = min.accumulate(acc, value);
    acc = roundTrip(acc);
    acc = min.retract(acc, 1n);
    assert.equal(min.getValue(acc), 3n);
  });
});

describe('createAggregateFunction', () => {
  it('rejects calls whose argument type does not fit', () => {
    const bad: AggregateCall = { fn: 'SUM', argIndex: 0, argType: STRING, distinct: false, type: STRING, display: 'SUM(s)' };
    assert.throws(() => createAggregateFunction(bad), PlanError);
  });
});

describe('AccumulatorSet', () => {
  const calls = [
    call('COUNT', null),
    call('SUM', INT, { argIndex: 1 }),
    call('MAX', STRING, { argIndex: 0 }),
    call('COUNT', INT, { argIndex: 1, distinct: true }),
  ];

  it('accumulates and retracts rows given their argument values', () => {
    const set = new AccumulatorSet(calls);
    const accs = set.create();
    assert.equal(accs.length, 4);
    assert.deepEqual(set.values(accs), [0n, null, null, 0n]);
    set.accumulate(accs, [null, 10, 'b', 10], false); // COUNT(*) counts the row whatever value it is given
    set.accumulate(accs, [true, 5, 'a', 5], false);
    set.accumulate(accs, [true, 10, 'c', 10], false);
    assert.deepEqual(set.values(accs), [3n, 25, 'c', 2n]);
    set.accumulate(accs, [true, 10, 'c', 10], true);
    assert.deepEqual(set.values(accs), [2n, 15, 'b', 2n]);
  });

  it('accumulates rows straight from decoded columns', () => {
    const set = new AccumulatorSet(calls);
    const accs = set.create();
    const columns: Value[][] = [
      ['x', 'z', null, 'y'],
      [1, null, 3, 1],
    ];
    for (let row = 0; row < 4; row++) set.accumulateRow(accs, columns, row, false);
    assert.deepEqual(set.values(accs), [4n, 5, 'z', 2n]);
    set.accumulateRow(accs, columns, 1, true);
    assert.deepEqual(set.values(accs), [3n, 5, 'y', 2n]);
  });

  it('has accumulators that survive a v8 round trip as one array', () => {
    const set = new AccumulatorSet(calls);
    let accs = set.create();
    set.accumulate(accs, [true, 7, 'q', 7], false);
    accs = roundTrip(accs);
    set.accumulate(accs, [true, 7, 'r', 7], false);
    assert.deepEqual(set.values(accs), [2n, 14, 'r', 1n]);
  });
});
