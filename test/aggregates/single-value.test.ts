/**
 * SINGLE_VALUE, the aggregate the planner wraps around a scalar subquery that may give several rows: the one row's
 * value (NULL included), NULL for none, and an ExecutionError naming the subquery's position for a second row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExecutionError } from '../../src/common/errors.js';
import { INT } from '../../src/common/types.js';
import { SINGLE_VALUE_AGGREGATE, type AggregateCall } from '../../src/dataflow/graph.js';
import { createAggregateFunction } from '../../src/runtime/aggregates/index.js';
import { aggregate, aggregateThroughStorage } from './helpers.js';

const singleValue: AggregateCall = {
  fn: SINGLE_VALUE_AGGREGATE, argIndex: 0, argType: INT, distinct: false, type: INT, display: 'SINGLE_VALUE(v)', position: { line: 2, column: 14 },
};

test('the value of the one row, a NULL row included; NULL for no row', () => {
  assert.equal(aggregate(singleValue, [7]), 7);
  assert.equal(aggregate(singleValue, []), null);
  assert.equal(aggregate(singleValue, [null]), null);
});

test('a retracted row makes room for the next one (an update of the subquery row), through storage too', () => {
  assert.equal(aggregate(singleValue, [7], [7]), null);
  assert.equal(aggregateThroughStorage(singleValue, [7], [7]), null);
  const fn = createAggregateFunction(singleValue);
  let acc = fn.accumulate(fn.createAccumulator(), 7);
  acc = fn.retract(acc, 7);
  acc = fn.accumulate(acc, 9);
  assert.equal(fn.getValue(acc), 9);
});

test('a second row at the same time fails, naming the subquery', () => {
  assert.throws(() => aggregate(singleValue, [7, 8]), (error: unknown) =>
    error instanceof ExecutionError && /^A scalar subquery returned more than one row at 2:14/.test(error.message));
  assert.throws(() => aggregate(singleValue, [null, null]), ExecutionError, 'NULL rows are rows');
});
