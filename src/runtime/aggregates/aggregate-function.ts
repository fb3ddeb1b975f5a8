/**
 * The contract of one aggregate function (COUNT, SUM, AVG, MIN, MAX), after Flink's AggregateFunction with
 * retraction. The function object is stateless; all state lives in the accumulator, which is plain
 * structured-cloneable data (numbers, bigints, strings, Maps, plain objects) so that state backends can store it
 * (the SQLite backend with `v8.serialize`). Accumulators are never class instances.
 */
import type { Value } from '../../common/values.js';

export interface AggregateFunction<A> {
  /** A fresh accumulator: the aggregate of no rows. */
  createAccumulator(): A;
  /** Adds one row's argument value (COUNT(*) gets `true`). May mutate and return `acc`. NULL is ignored. */
  accumulate(acc: A, value: Value): A;
  /** Undoes one `accumulate` of `value` (for updating inputs). May mutate and return `acc`. */
  retract(acc: A, value: Value): A;
  /**
   * Folds `other` into `acc`, as if every row accumulated (and retracted) into `other` had gone into `acc`.
   * Used when session windows merge. May mutate and return `acc`; `other` must not be used afterwards.
   */
  merge(acc: A, other: A): A;
  /** The aggregate's current value, in the runtime representation of the call's result type. */
  getValue(acc: A): Value;
}
