/**
 * APPROX_COUNT_DISTINCT: exact up to 1024 distinct values, then HyperLogLog with 2^14 registers (relative standard
 * error ≈ 0.81 %); the hash is deterministic, so the errors measured here are the same on every run.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, INT, STRING } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import { NotImplementedError } from '../../src/common/errors.js';
import { aggregateResultType, createAggregateFunction } from '../../src/runtime/aggregates/index.js';
import { EXACT_LIMIT } from '../../src/runtime/aggregates/hyperloglog.js';
import { aggregate, call, roundTrip } from './helpers.js';

const approx = call('APPROX_COUNT_DISTINCT', BIGINT);

function estimateOf(values: Iterable<Value>): number {
  const fn = createAggregateFunction(approx);
  let acc = fn.createAccumulator();
  for (const value of values) acc = fn.accumulate(acc, value);
  return Number(fn.getValue(roundTrip(acc)));
}

function* range(from: number, to: number): Generator<bigint> {
  for (let i = from; i < to; i++) yield BigInt(i);
}

describe('APPROX_COUNT_DISTINCT', () => {
  it('BIGINT NOT NULL: 0 for no rows or only NULLs, NULLs ignored, duplicates counted once', () => {
    assert.deepEqual(aggregateResultType('APPROX_COUNT_DISTINCT', STRING), BIGINT);
    assert.equal(aggregate(approx, []), 0n);
    assert.equal(aggregate(approx, [null, null]), 0n);
    assert.equal(aggregate(call('APPROX_COUNT_DISTINCT', STRING), ['a', null, 'b', 'a']), 2n);
    assert.equal(aggregate(call('APPROX_COUNT_DISTINCT', INT), [1, 1, 2, -0, 0]), 3n);
  });

  it(`is exact up to ${EXACT_LIMIT} distinct values`, () => {
    assert.equal(estimateOf(range(0, EXACT_LIMIT)), EXACT_LIMIT);
    assert.equal(estimateOf([...range(0, 500), ...range(0, 500)]), 500);
  });

  it('stays within 3 % (about 3.7 standard errors) of the true count from 1 025 to 500 000 distinct values', () => {
    for (const n of [1_025, 2_000, 10_000, 30_000, 60_000, 100_000, 500_000]) {
      const estimate = estimateOf(range(0, n));
      const error = Math.abs(estimate - n) / n;
      assert.ok(error < 0.03, `n = ${n}: estimate ${estimate}, error ${(error * 100).toFixed(2)} %`);
    }
  });

  it('strings and numbers hash apart: 1 and "1" are different values of different calls alike', () => {
    const strings = [...range(0, 5000)].map((n) => `user-${n}`);
    const error = Math.abs(estimateOf(strings) - 5000) / 5000;
    assert.ok(error < 0.03, `error ${error}`);
  });

  it('merging sketches (session windows) estimates the union, in the exact and the register forms', () => {
    const fn = createAggregateFunction(approx);
    const sketch = (values: Iterable<bigint>): unknown => {
      let acc = fn.createAccumulator();
      for (const value of values) acc = fn.accumulate(acc, value);
      return roundTrip(acc);
    };
    assert.equal(fn.getValue(fn.merge(sketch(range(0, 300)), sketch(range(200, 600)))), 600n);
    const union = Number(fn.getValue(fn.merge(sketch(range(0, 30_000)), sketch(range(20_000, 50_000)))));
    assert.ok(Math.abs(union - 50_000) / 50_000 < 0.03, `union estimate ${union}`);
    const mixed = Number(fn.getValue(fn.merge(sketch(range(0, 100)), sketch(range(50, 20_000)))));
    assert.ok(Math.abs(mixed - 20_000) / 20_000 < 0.03, `mixed estimate ${mixed}`);
  });

  it('cannot retract: a retraction fails naming the function', () => {
    const fn = createAggregateFunction(approx);
    assert.throws(() => fn.retract(fn.createAccumulator(), 1n), (e: unknown) => e instanceof NotImplementedError && /APPROX_COUNT_DISTINCT cannot retract/.test(e.message));
  });
});
