/** Aggregate functions: COUNT, SUM, AVG, MIN, MAX (each optionally DISTINCT), their result types, and accumulator sets. */
export type { AggregateFunction } from './aggregate-function.js';
export { aggregateResultType, AVG_DECIMAL_MIN_SCALE } from './result-type.js';
export { createAggregateFunction } from './create.js';
export { AccumulatorSet } from './accumulator-set.js';
export type { CountAccumulator } from './count.js';
export type { SumAccumulator } from './sum.js';
export type { AvgAccumulator } from './avg.js';
export type { ExtremeAccumulator } from './min-max.js';
export type { DistinctAccumulator } from './distinct.js';
