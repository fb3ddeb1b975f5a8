/**
 * Aggregate functions (COUNT, SUM, AVG, MIN, MAX, STDDEV_POP/SAMP, VAR_POP/SAMP, FIRST_VALUE, LAST_VALUE, LISTAGG,
 * ARRAY_AGG, COLLECT, BOOL_AND, BOOL_OR, APPROX_COUNT_DISTINCT, JSON_ARRAYAGG, JSON_OBJECTAGG; each optionally DISTINCT), their result types, and accumulator sets.
 */
export type { AggregateFunction } from './aggregate-function.js';
export { aggregateResultType, AVG_DECIMAL_MIN_SCALE } from './result-type.js';
export { createAggregateFunction, type AggregateFunctionOptions } from './create.js';
export { AGGREGATE_FUNCTION_NAMES, aggregateFunctionName, argumentCount, canRetract, isAggregateFunctionName, isNeverNull, isOverOnly } from './names.js';
export { AccumulatorSet } from './accumulator-set.js';
export type { CountAccumulator } from './count.js';
export type { SumAccumulator } from './sum.js';
export type { AvgAccumulator } from './avg.js';
export type { ExtremeAccumulator } from './min-max.js';
export type { DistinctAccumulator } from './distinct.js';
export { registerUserAggregate, unregisterUserAggregate, type UserAggregateImpl } from './user-defined.js';
