/**
 * LAG(value [, offset [, default]]) OVER (…): the value `offset` rows before the current one in its partition (the
 * current row's own value for offset 0), or the default when the partition has fewer rows before it — as Flink's
 * streaming LagAggFunction computes it, as an aggregate over the frame so far: the accumulator keeps the last
 * `offset + 1` values, and the default of the row accumulated last.
 *
 * Its argument is `ROW(value, default)` (the planner builds it, both fields of the result type), so a NULL value is
 * kept as a value (LAG of a NULL is NULL, not the default). Rows of equal time under a RANGE frame (peers) all join
 * the frame before any is emitted, so they share one result: the value `offset` rows before the last of them — Flink's
 * behaviour too. LAG cannot take rows out again, so it is only planned for frames that start UNBOUNDED PRECEDING
 * (Flink's LagAggFunction has no retract either).
 */
import { InternalError } from '../../common/errors.js';
import type { ArrayValue, Value } from '../../common/values.js';
import type { AggregateFunction } from './aggregate-function.js';

export interface LagAccumulator {
  /** The last `offset + 1` values, oldest first. */
  values: Value[];
  /** The default of the row accumulated last. */
  fallback: Value;
}

export function createLag(offset: number): AggregateFunction<LagAccumulator> {
  return {
    createAccumulator: () => ({ values: [], fallback: null }),
    accumulate(acc, argument) {
      const [value, fallback] = argument as ArrayValue;
      acc.values.push(value ?? null);
      if (acc.values.length > offset + 1) acc.values.shift();
      acc.fallback = fallback ?? null;
      return acc;
    },
    retract() {
      throw new InternalError('LAG was planned for a frame rows do not leave, but a row left it');
    },
    merge() {
      throw new InternalError('LAG accumulators are never merged (it is only called with OVER)');
    },
    getValue: (acc) => (acc.values.length === offset + 1 ? acc.values[0]! : acc.fallback),
  };
}
