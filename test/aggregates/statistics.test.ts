/**
 * STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP: Flink's result types (the argument's, DECIMAL(38, max(6, s)) for
 * DECIMAL) and Flink's arithmetic (integer division over INT/BIGINT), NULLs ignored, 0 and 1 rows, retraction,
 * merging and the v8 round trip the SQLite state backend makes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BIGINT, DOUBLE, INT, decimal, type DataType } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import type { AggregateFunctionName } from '../../src/dataflow/graph.js';
import { aggregateResultType, createAggregateFunction } from '../../src/runtime/aggregates/index.js';
import { aggregate, aggregateThroughStorage, call, roundTrip } from './helpers.js';

type Stat = Extract<AggregateFunctionName, 'STDDEV_POP' | 'STDDEV_SAMP' | 'VAR_POP' | 'VAR_SAMP'>;
const STATS: readonly Stat[] = ['VAR_POP', 'VAR_SAMP', 'STDDEV_POP', 'STDDEV_SAMP'];

function all(type: DataType, values: readonly Value[], retracted: readonly Value[] = []): Record<Stat, Value> {
  return Object.fromEntries(STATS.map((fn) => [fn, aggregate(call(fn, type), values, retracted)])) as Record<Stat, Value>;
}

describe('result types', () => {
  it('are the argument type, as AVG: DECIMAL(p, s) gives DECIMAL(38, max(6, s))', () => {
    for (const fn of STATS) {
      assert.deepEqual(aggregateResultType(fn, INT), INT);
      assert.deepEqual(aggregateResultType(fn, BIGINT), BIGINT);
      assert.deepEqual(aggregateResultType(fn, DOUBLE), DOUBLE);
      assert.deepEqual(aggregateResultType(fn, decimal(10, 2)), decimal(38, 6));
      assert.deepEqual(aggregateResultType(fn, decimal(20, 8)), decimal(38, 8));
    }
  });
  it('refuse non-numeric arguments naming the function', () => {
    assert.throws(() => aggregateResultType('VAR_SAMP', { kind: 'STRING' }), /VAR_SAMP needs a numeric argument, got STRING/);
  });
});

describe('values', () => {
  it('INT: integer arithmetic as Flink plans it (SUM(x*x) - SUM(x)*SUM(x)/COUNT) / COUNT, truncated', () => {
    assert.deepEqual(all(INT, [1, 2, 3, 4]), { VAR_POP: 1, VAR_SAMP: 1, STDDEV_POP: 1, STDDEV_SAMP: 1 });
    assert.deepEqual(all(INT, [2, 4, 4, 4, 5, 5, 7, 9]), { VAR_POP: 4, VAR_SAMP: 4, STDDEV_POP: 2, STDDEV_SAMP: 2 });
    // 121 / 2 truncates to 60: VAR_SAMP is 41 where the exact value is 40.5.
    assert.deepEqual(all(INT, [1, 10]), { VAR_POP: 20, VAR_SAMP: 41, STDDEV_POP: 4, STDDEV_SAMP: 6 });
  });
  it('BIGINT: the same, as BIGINT', () => {
    assert.deepEqual(all(BIGINT, [1n, 10n]), { VAR_POP: 20n, VAR_SAMP: 41n, STDDEV_POP: 4n, STDDEV_SAMP: 6n });
  });
  it('DOUBLE: IEEE arithmetic', () => {
    assert.deepEqual(all(DOUBLE, [1, 2, 3, 4]), {
      VAR_POP: 1.25, VAR_SAMP: 5 / 3, STDDEV_POP: Math.pow(1.25, 0.5), STDDEV_SAMP: Math.pow(5 / 3, 0.5),
    });
  });
  it('DECIMAL(10, 2): exact, rounded HALF_UP to DECIMAL(38, 6)', () => {
    assert.deepEqual(all(decimal(10, 2), [100n, 200n, 300n, 400n]), {
      VAR_POP: 1_250000n, VAR_SAMP: 1_666667n, STDDEV_POP: 1_118034n, STDDEV_SAMP: 1_290995n,
    });
    assert.deepEqual(all(decimal(10, 2), [100n, 1050n]), {
      VAR_POP: 22_562500n, VAR_SAMP: 45_125000n, STDDEV_POP: 4_750000n, STDDEV_SAMP: 6_717514n,
    });
  });
  it('no rows, or only NULLs: NULL', () => {
    for (const type of [INT, BIGINT, DOUBLE, decimal(10, 2)]) {
      assert.deepEqual(all(type, []), { VAR_POP: null, VAR_SAMP: null, STDDEV_POP: null, STDDEV_SAMP: null });
      assert.deepEqual(all(type, [null, null]), { VAR_POP: null, VAR_SAMP: null, STDDEV_POP: null, STDDEV_SAMP: null });
    }
  });
  it('one row: the population functions are 0, the sample functions NULL', () => {
    assert.deepEqual(all(INT, [7, null]), { VAR_POP: 0, VAR_SAMP: null, STDDEV_POP: 0, STDDEV_SAMP: null });
    assert.deepEqual(all(DOUBLE, [7.5]), { VAR_POP: 0, VAR_SAMP: null, STDDEV_POP: 0, STDDEV_SAMP: null });
    assert.deepEqual(all(decimal(10, 2), [750n]), { VAR_POP: 0n, VAR_SAMP: null, STDDEV_POP: 0n, STDDEV_SAMP: null });
  });
  it('NULLs are ignored', () => {
    assert.deepEqual(all(INT, [null, 1, 2, null, 3, 4]), all(INT, [1, 2, 3, 4]));
  });
});

describe('retraction, merging and storage', () => {
  const types: [string, DataType, fc.Arbitrary<Value>][] = [
    ['INT', INT, fc.option(fc.integer({ min: -100_000, max: 100_000 }), { nil: null })],
    ['BIGINT', BIGINT, fc.option(fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), { nil: null })],
    ['DOUBLE', DOUBLE, fc.option(fc.integer({ min: -50, max: 50 }).map((n) => n / 2), { nil: null })],
    ['DECIMAL(10, 2)', decimal(10, 2), fc.option(fc.bigInt({ min: -99_999n, max: 99_999n }), { nil: null })],
  ];
  for (const [name, type, values] of types) {
    it(`${name}: retracting rows gives what never accumulating them gives; merged halves equal the whole`, () => {
      fc.assert(fc.property(fc.array(values), fc.array(values), (kept, retracted) => {
        for (const fn of STATS) {
          const expected = aggregate(call(fn, type), kept);
          assert.deepEqual(aggregate(call(fn, type), [...retracted, ...kept], retracted), expected);
          assert.deepEqual(aggregateThroughStorage(call(fn, type), [...kept, ...retracted], retracted), expected);
          const f = createAggregateFunction(call(fn, type));
          let a = f.createAccumulator();
          for (const v of kept) a = f.accumulate(a, v);
          let b = f.createAccumulator();
          for (const v of retracted) b = f.accumulate(b, v);
          assert.deepEqual(f.getValue(f.merge(roundTrip(a), roundTrip(b))), aggregate(call(fn, type), [...kept, ...retracted]));
        }
      }), { numRuns: 100 });
    });
  }
});
