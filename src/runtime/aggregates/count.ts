/** COUNT(*) and COUNT(x): the number of rows (non-NULL arguments for COUNT(x)); 0 for no rows, never NULL. */
import type { Value } from '../../common/values.js';
import type { AggregateFunction } from './aggregate-function.js';

export interface CountAccumulator {
  /** A number, not a bigint: cheaper to update, and exact far beyond any realistic row count (2^53). */
  count: number;
}

export const COUNT: AggregateFunction<CountAccumulator> = {
  createAccumulator: () => ({ count: 0 }),
  accumulate(acc: CountAccumulator, value: Value): CountAccumulator {
    if (value !== null) acc.count++;
    return acc;
  },
  retract(acc: CountAccumulator, value: Value): CountAccumulator {
    if (value !== null) acc.count--;
    return acc;
  },
  merge(acc: CountAccumulator, other: CountAccumulator): CountAccumulator {
    acc.count += other.count;
    return acc;
  },
  getValue: (acc: CountAccumulator): Value => BigInt(acc.count),
};
