/** Small helpers for aggregate tests: build calls and run values through a function. */
import { deserialize, serialize } from 'node:v8';
import type { DataType } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import type { AggregateCall, AggregateFunctionName } from '../../src/dataflow/graph.js';
import { aggregateResultType, createAggregateFunction } from '../../src/runtime/aggregates/index.js';

export function call(fn: AggregateFunctionName, argType: DataType | null, options: { distinct?: boolean; argIndex?: number } = {}): AggregateCall {
  return {
    fn,
    argIndex: argType === null ? null : (options.argIndex ?? 0),
    argType,
    distinct: options.distinct ?? false,
    type: aggregateResultType(fn, argType),
    display: `${fn}(…)`,
  };
}

/** Accumulates `values`, then retracts `retracted`, and returns the result. */
export function aggregate(aggregateCall: AggregateCall, values: readonly Value[], retracted: readonly Value[] = []): Value {
  const fn = createAggregateFunction(aggregateCall);
  let acc = fn.createAccumulator();
  for (const value of values) acc = fn.accumulate(acc, value);
  for (const value of retracted) acc = fn.retract(acc, value);
  return fn.getValue(acc);
}

/** Like `aggregate`, but stores the accumulator (v8 round trip, as the SQLite backend does) after every step. */
export function aggregateThroughStorage(aggregateCall: AggregateCall, values: readonly Value[], retracted: readonly Value[] = []): Value {
  const fn = createAggregateFunction(aggregateCall);
  let acc: unknown = roundTrip(fn.createAccumulator());
  for (const value of values) acc = roundTrip(fn.accumulate(acc, value));
  for (const value of retracted) acc = roundTrip(fn.retract(acc, value));
  return fn.getValue(acc);
}

export function roundTrip<T>(value: T): T {
  return deserialize(serialize(value)) as T;
}
