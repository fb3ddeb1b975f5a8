/**
 * AVG with retraction: a sum and a count of non-NULL values; NULL when the count is 0. As in Flink, AVG of an
 * integer type is an integer, truncated toward zero (the sum is kept as a 64-bit integer), AVG of DOUBLE is a
 * DOUBLE, and AVG of DECIMAL(p, s) is DECIMAL(38, max(6, s)) rounded HALF_UP.
 */
import { InternalError } from '../../common/errors.js';
import { divideRoundHalfUp, pow10 } from '../../common/decimal.js';
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import type { AggregateFunction } from './aggregate-function.js';
import type { NumericType } from './result-type.js';

export interface NumberAvgAccumulator {
  /** For INT arguments the sum of int32 values, exact while |sum| < 2^53 (over four million maximal values). */
  sum: number;
  count: number;
}

export interface BigintAvgAccumulator {
  sum: bigint;
  count: number;
}

export type AvgAccumulator = NumberAvgAccumulator | BigintAvgAccumulator;

export function createAvg(argType: NumericType, resultType: DataType): AggregateFunction<AvgAccumulator> {
  switch (argType.kind) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
      return INT_AVG as AggregateFunction<AvgAccumulator>;
    case 'DOUBLE':
      return DOUBLE_AVG as AggregateFunction<AvgAccumulator>;
    case 'FLOAT':
      return FLOAT_AVG as AggregateFunction<AvgAccumulator>;
    case 'BIGINT':
      return BIGINT_AVG as AggregateFunction<AvgAccumulator>;
    case 'DECIMAL':
      if (resultType.kind !== 'DECIMAL') throw new InternalError(`AVG of DECIMAL cannot produce ${resultType.kind}`);
      return decimalAvg(argType.scale, resultType.scale) as AggregateFunction<AvgAccumulator>;
  }
}

function numberAvg(getValue: (acc: NumberAvgAccumulator) => Value): AggregateFunction<NumberAvgAccumulator> {
  return {
    createAccumulator: () => ({ sum: 0, count: 0 }),
    accumulate(acc, value) {
      if (value === null) return acc;
      acc.sum += value as number;
      acc.count++;
      return acc;
    },
    retract(acc, value) {
      if (value === null) return acc;
      acc.sum -= value as number;
      acc.count--;
      return acc;
    },
    merge(acc, other) {
      acc.sum += other.sum;
      acc.count += other.count;
      return acc;
    },
    getValue,
  };
}

/** Integer division truncating toward zero, done in bigint so that it is exact for every sum. */
const INT_AVG = numberAvg((acc) => (acc.count === 0 ? null : Number(BigInt(acc.sum) / BigInt(acc.count))));

const DOUBLE_AVG = numberAvg((acc) => (acc.count === 0 ? null : acc.sum / acc.count));

/** AVG of FLOAT: a DOUBLE sum (Flink's FloatAvgAggFunction), the quotient rounded to FLOAT. */
const FLOAT_AVG = numberAvg((acc) => (acc.count === 0 ? null : Math.fround(acc.sum / acc.count)));

function bigintAvg(wrap: boolean, getValue: (acc: BigintAvgAccumulator) => Value): AggregateFunction<BigintAvgAccumulator> {
  return {
    createAccumulator: () => ({ sum: 0n, count: 0 }),
    accumulate(acc, value) {
      if (value === null) return acc;
      const sum = acc.sum + (value as bigint);
      acc.sum = wrap ? BigInt.asIntN(64, sum) : sum;
      acc.count++;
      return acc;
    },
    retract(acc, value) {
      if (value === null) return acc;
      const sum = acc.sum - (value as bigint);
      acc.sum = wrap ? BigInt.asIntN(64, sum) : sum;
      acc.count--;
      return acc;
    },
    merge(acc, other) {
      const sum = acc.sum + other.sum;
      acc.sum = wrap ? BigInt.asIntN(64, sum) : sum;
      acc.count += other.count;
      return acc;
    },
    getValue,
  };
}

/** The sum is a Java long, so it wraps like int64; bigint division truncates toward zero like Java's. */
const BIGINT_AVG = bigintAvg(true, (acc) => (acc.count === 0 ? null : acc.sum / BigInt(acc.count)));

/** Exact sum of unscaled values at `argScale`; the mean is rounded HALF_UP to `resultScale`. */
function decimalAvg(argScale: number, resultScale: number): AggregateFunction<BigintAvgAccumulator> {
  const up = resultScale >= argScale ? pow10(resultScale - argScale) : 1n;
  const down = resultScale >= argScale ? 1n : pow10(argScale - resultScale);
  return bigintAvg(false, (acc) => (acc.count === 0 ? null : divideRoundHalfUp(acc.sum * up, BigInt(acc.count) * down)));
}
