/**
 * The public shape of a user-defined aggregate function (`engine.registerAggregateFunction`), after Flink's
 * AggregateFunction. Part of the embedded API (exported from `src/index.ts`).
 */
import type { ResultValue } from './api-types.js';

/**
 * A user-defined aggregate function: parameter and result types in SQL, and the methods of Flink's
 * AggregateFunction over an accumulator you choose.
 *
 * ```ts
 * engine.registerAggregateFunction('weighted_avg', {
 *   parameters: ['BIGINT', 'INT'], returns: 'DOUBLE',
 *   createAccumulator: () => ({ sum: 0n, count: 0 }),
 *   accumulate(acc, value, weight) {
 *     if (value === null || weight === null) return;
 *     acc.sum += (value as bigint) * BigInt(weight as number);
 *     acc.count += weight as number;
 *   },
 *   retract(acc, value, weight) { … the reverse … },
 *   merge(acc, other) { acc.sum += other.sum; acc.count += other.count; },
 *   getValue: (acc) => (acc.count === 0 ? null : Number(acc.sum) / acc.count),
 * });
 * // SELECT item, weighted_avg(price, qty) FROM orders GROUP BY item
 * ```
 *
 * The accumulator lives in keyed state, so it survives checkpoints and the SQLite state backend: it must be
 * structured-cloneable plain data (numbers, bigints, strings, booleans, null, arrays, plain objects, Maps, Sets —
 * no class instances, functions or symbols). It is checked when the first one is created and first updated; a job
 * whose accumulator does not qualify fails with an error naming the function.
 *
 * Arguments arrive as the embedded API hands out values (BIGINT as `bigint`, DECIMAL and TIMESTAMP as strings, NULL
 * as `null`; see `ResultValue`) — NULLs included, as Flink passes them: the function decides what they mean. Rows
 * that a `FILTER (WHERE …)` clause leaves out are not passed at all. A method that throws fails the job with an
 * error naming the function and the call's position in the SQL text.
 *
 * @typeParam Acc - the accumulator, an object that the methods update in place.
 */
export interface AggregateFunctionDefinition<Acc extends object> {
  /** SQL types of the arguments, e.g. `['BIGINT', 'INT']`; arguments are widened implicitly (INT → BIGINT, …). */
  readonly parameters: readonly string[];
  /** SQL type of the result, e.g. `'DOUBLE'`. */
  readonly returns: string;
  /** A fresh accumulator: the aggregate of no rows. */
  createAccumulator(): Acc;
  /** Adds one row's arguments to `acc` (in place). */
  accumulate(acc: Acc, ...args: ResultValue[]): void;
  /**
   * Takes one earlier row's arguments out of `acc` again (in place). Needed over an updating input (a GROUP BY over
   * a changelog, a join's updates, …) and in bounded OVER frames; without it such queries are refused when planned.
   */
  retract?(acc: Acc, ...args: ResultValue[]): void;
  /**
   * Folds `other` into `acc` (in place), as if every row of `other` had been accumulated into `acc`. Needed by
   * SESSION window aggregations, whose sessions merge; without it they are refused when planned.
   */
  merge?(acc: Acc, other: Acc): void;
  /**
   * The result for `acc`: a value of the declared result type as an in-process table row would hold it (e.g. a
   * `bigint` or number for BIGINT, a string for DECIMAL), or null. A value that is not of that type fails the job.
   */
  getValue(acc: Acc): unknown;
}
