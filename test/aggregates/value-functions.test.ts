/**
 * FIRST_VALUE, LAST_VALUE, LISTAGG, COLLECT, BOOL_AND and BOOL_OR: results, NULL handling, no rows, retraction
 * (the variant for updating inputs), merging, DISTINCT and the v8 round trip of the SQLite state backend.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BOOLEAN, INT, STRING, arrayType, mapType, type DataType } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import type { AggregateCall, AggregateFunctionName } from '../../src/dataflow/graph.js';
import { aggregateResultType, createAggregateFunction } from '../../src/runtime/aggregates/index.js';
import { aggregate, aggregateThroughStorage, call, roundTrip } from './helpers.js';

function listAgg(separator?: string, distinct = false): AggregateCall {
  return { ...call('LISTAGG', STRING, { distinct }), ...(separator === undefined ? {} : { separator }) };
}

function merged(aggregateCall: AggregateCall, left: readonly Value[], right: readonly Value[], retracts = true): Value {
  const fn = createAggregateFunction(aggregateCall, { retracts });
  let a = fn.createAccumulator();
  for (const value of left) a = fn.accumulate(a, value);
  let b = fn.createAccumulator();
  for (const value of right) b = fn.accumulate(b, value);
  return fn.getValue(fn.merge(roundTrip(a), roundTrip(b)));
}

/** Accumulates with the append-only variant (no retraction state). */
function appendOnly(aggregateCall: AggregateCall, values: readonly Value[]): Value {
  const fn = createAggregateFunction(aggregateCall, { retracts: false });
  let acc = fn.createAccumulator();
  for (const value of values) acc = roundTrip(fn.accumulate(acc, value));
  return fn.getValue(acc);
}

describe('FIRST_VALUE and LAST_VALUE', () => {
  const first = call('FIRST_VALUE', STRING);
  const last = call('LAST_VALUE', STRING);
  it('the first / last non-NULL value in arrival order, of the argument type; NULL for none', () => {
    for (const variant of [aggregate, appendOnly]) {
      assert.equal(variant(first, [null, 'b', 'a', null, 'c', null]), 'b');
      assert.equal(variant(last, [null, 'b', 'a', null, 'c', null]), 'c');
      assert.equal(variant(first, []), null);
      assert.equal(variant(last, [null]), null);
    }
    assert.deepEqual(aggregateResultType('FIRST_VALUE', INT), INT);
    assert.deepEqual(aggregateResultType('LAST_VALUE', arrayType(INT)), arrayType(INT));
  });
  it('retraction takes away the earliest copy of the value; what remains decides', () => {
    assert.equal(aggregate(first, ['a', 'b', 'a'], ['a']), 'b');
    assert.equal(aggregate(last, ['a', 'b', 'a'], ['a']), 'a');
    assert.equal(aggregate(last, ['a', 'b', 'c'], ['c']), 'b');
    assert.equal(aggregate(first, ['a', 'b'], ['a', 'b']), null);
    assert.equal(aggregateThroughStorage(first, ['x', 'y', 'z'], ['x', 'q']), 'y');
  });
  it('nested values compare by value when retracted', () => {
    const rows = call('FIRST_VALUE', arrayType(INT));
    assert.deepEqual(aggregate(rows, [Object.freeze([1, 2]), Object.freeze([3])], [Object.freeze([1, 2])]), [3]);
  });
  it('the append-only variant refuses a retraction instead of answering wrongly', () => {
    const fn = createAggregateFunction(first, { retracts: false });
    assert.throws(() => fn.retract(fn.accumulate(fn.createAccumulator(), 'a'), 'a'), /FIRST_VALUE was planned for an append-only input/);
  });
  it('merging (session windows) puts the second part after the first', () => {
    for (const retracts of [true, false]) {
      assert.equal(merged(first, [null, 'a'], ['b'], retracts), 'a');
      assert.equal(merged(first, [null], ['b'], retracts), 'b');
      assert.equal(merged(last, ['a'], ['b', null], retracts), 'b');
      assert.equal(merged(last, ['a'], [null], retracts), 'a');
    }
  });
});

describe('LISTAGG', () => {
  it("joins the non-NULL strings in arrival order with ',' or the separator; NULL for none; STRING", () => {
    assert.equal(aggregate(listAgg(), ['a', null, 'b', 'a']), 'a,b,a');
    assert.equal(aggregate(listAgg(' | '), ['a', 'b']), 'a | b');
    assert.equal(aggregate(listAgg(), [null]), null);
    assert.equal(aggregate(listAgg(), ['']), '');
    assert.deepEqual(aggregateResultType('LISTAGG', STRING), STRING);
    assert.throws(() => aggregateResultType('LISTAGG', INT), /LISTAGG needs a STRING argument, got INT/);
  });
  it('retracts the earliest copy; DISTINCT lists each string once; merges in order', () => {
    assert.equal(aggregateThroughStorage(listAgg(), ['a', 'b', 'a', 'c'], ['a', 'c']), 'b,a');
    assert.equal(aggregate(listAgg(), ['a'], ['a']), null);
    assert.equal(aggregate(listAgg(undefined, true), ['b', 'a', 'b', 'c']), 'b,a,c');
    assert.equal(aggregate(listAgg(undefined, true), ['b', 'a', 'b'], ['b']), 'b,a', 'one copy of b is still held');
    assert.equal(merged(listAgg('-'), ['a', 'b'], ['c']), 'a-b-c');
  });
});

describe('COLLECT', () => {
  const collect = call('COLLECT', STRING);
  it("a MAP from each distinct non-NULL value to its multiplicity (Flink's MULTISET), empty for no rows", () => {
    assert.deepEqual(aggregateResultType('COLLECT', INT), mapType(INT, INT));
    assert.deepEqual(aggregate(collect, ['b', null, 'a', 'b']), new Map([['b', 2], ['a', 1]]));
    assert.deepEqual(aggregate(collect, []), new Map());
    assert.deepEqual(aggregate(collect, [null]), new Map());
  });
  it('retracts multiplicities, drops an entry at 0, merges multiplicities; DISTINCT counts each value once', () => {
    assert.deepEqual(aggregateThroughStorage(collect, ['b', 'a', 'b'], ['b', 'a']), new Map([['b', 1]]));
    assert.deepEqual(merged(collect, ['a', 'b'], ['b', 'c']), new Map([['a', 1], ['b', 2], ['c', 1]]));
    assert.deepEqual(aggregate(call('COLLECT', STRING, { distinct: true }), ['a', 'a', 'b']), new Map([['a', 1], ['b', 1]]));
  });
  it('nested values are one entry per distinct value', () => {
    const result = aggregate(call('COLLECT', arrayType(INT)), [Object.freeze([1]), Object.freeze([1]), Object.freeze([2])]) as Map<Value, Value>;
    assert.deepEqual([...result.values()], [2, 1]);
  });
});

describe('BOOL_AND and BOOL_OR', () => {
  const cases: [readonly Value[], Value, Value][] = [
    [[], null, null],
    [[null], null, null],
    [[true, null], true, true],
    [[true, false], false, true],
    [[false, false], false, false],
  ];
  for (const [values, and, or] of cases) {
    it(`${JSON.stringify(values)}: BOOL_AND ${and}, BOOL_OR ${or}`, () => {
      assert.equal(aggregate(call('BOOL_AND', BOOLEAN), values), and);
      assert.equal(aggregate(call('BOOL_OR', BOOLEAN), values), or);
    });
  }
  it('retraction and merging', () => {
    assert.equal(aggregateThroughStorage(call('BOOL_AND', BOOLEAN), [true, false, true], [false]), true);
    assert.equal(aggregate(call('BOOL_OR', BOOLEAN), [false, true], [true]), false);
    assert.equal(merged(call('BOOL_AND', BOOLEAN), [true], [false]), false);
    assert.equal(merged(call('BOOL_OR', BOOLEAN), [false], [null]), false);
  });
  it('need a BOOLEAN argument', () => {
    for (const fn of ['BOOL_AND', 'BOOL_OR'] as AggregateFunctionName[]) {
      assert.throws(() => aggregateResultType(fn, INT as DataType), new RegExp(`${fn} needs a BOOLEAN argument, got INT`));
    }
  });
});
