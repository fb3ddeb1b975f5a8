/**
 * SINGLE_VALUE: the value of a scalar subquery that may return more than one row (Calcite wraps such a subquery in
 * it, and Flink's SingleValueAggFunction fails the job on a second row). The value of its one row (NULL included),
 * NULL while it has none; a second row present at the same time fails the job, naming the subquery's position.
 * Not callable from SQL: the planner adds it (see planner/query/scalar-subquery.ts).
 */
import { ExecutionError, type SourcePosition } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import type { AggregateFunction } from './aggregate-function.js';

export interface SingleValueAccumulator {
  /** The value of the one row held; null when none is. */
  value: Value;
  /** How many rows are held: 0 or 1. */
  count: number;
}

export function createSingleValue(position: SourcePosition | undefined): AggregateFunction<SingleValueAccumulator> {
  const tooMany = (): ExecutionError =>
    new ExecutionError('A scalar subquery returned more than one row', { position, hint: 'a scalar subquery must give at most one row; aggregate it, e.g. with MAX' });
  return {
    createAccumulator: () => ({ value: null, count: 0 }),
    accumulate(acc, value) {
      if (acc.count > 0) throw tooMany();
      acc.value = value;
      acc.count = 1;
      return acc;
    },
    retract(acc) {
      acc.count = Math.max(0, acc.count - 1);
      if (acc.count === 0) acc.value = null;
      return acc;
    },
    merge(acc, other) {
      if (acc.count + other.count > 1) throw tooMany();
      return other.count > 0 ? other : acc;
    },
    getValue: (acc) => acc.value,
  };
}
