/** The accumulator shared by the variance functions: SUM(x·x), SUM(x) and COUNT(x), with retraction and merging. */
import type { Value } from '../../common/values.js';
import type { AggregateFunction } from './aggregate-function.js';

/** The three sums, in the argument's representation (numbers for DOUBLE, bigints otherwise). */
export interface VarianceAccumulator<N extends number | bigint = number | bigint> {
  sumSquares: N;
  sum: N;
  count: number;
}

/** Accumulate/retract/merge over sums that `step` keeps in range (wrapping or exact). */
export function sumsFunction<N extends number | bigint>(
  zero: N,
  read: (value: Value) => N,
  square: (value: N) => N,
  step: (a: N, b: N, subtract: boolean) => N,
  getValue: (acc: VarianceAccumulator<N>) => Value,
): AggregateFunction<VarianceAccumulator<N>> {
  const update = (acc: VarianceAccumulator<N>, value: Value, subtract: boolean): VarianceAccumulator<N> => {
    if (value === null) return acc;
    const n = read(value);
    acc.sumSquares = step(acc.sumSquares, square(n), subtract);
    acc.sum = step(acc.sum, n, subtract);
    acc.count += subtract ? -1 : 1;
    return acc;
  };
  return {
    createAccumulator: () => ({ sumSquares: zero, sum: zero, count: 0 }),
    accumulate: (acc, value) => update(acc, value, false),
    retract: (acc, value) => update(acc, value, true),
    merge(acc, other) {
      acc.sumSquares = step(acc.sumSquares, other.sumSquares, false);
      acc.sum = step(acc.sum, other.sum, false);
      acc.count += other.count;
      return acc;
    },
    getValue,
  };
}
