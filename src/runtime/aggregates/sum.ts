/**
 * SUM with retraction. The accumulator counts the non-NULL values so that a sum of none (or of values all
 * retracted again) is NULL, as in Flink's SumWithRetractAggFunction.
 *
 * Arithmetic follows Flink (Java): INT wraps around like int32, BIGINT like int64, DOUBLE is IEEE addition,
 * DECIMAL is exact (unscaled bigints at the argument's scale); a DECIMAL sum beyond 38 digits is NULL, as
 * Flink's decimal overflow gives.
 */
import { InternalError } from '../../common/errors.js';
import { fitsPrecision, rescale } from '../../common/decimal.js';
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import type { AggregateFunction } from './aggregate-function.js';
import type { NumericType } from './result-type.js';

export interface NumberSumAccumulator {
  sum: number;
  count: number;
}

export interface BigintSumAccumulator {
  sum: bigint;
  count: number;
}

export type SumAccumulator = NumberSumAccumulator | BigintSumAccumulator;

export function createSum(argType: NumericType, resultType: DataType): AggregateFunction<SumAccumulator> {
  switch (argType.kind) {
    case 'TINYINT':
      return narrowedSum(24) as AggregateFunction<SumAccumulator>;
    case 'SMALLINT':
      return narrowedSum(16) as AggregateFunction<SumAccumulator>;
    case 'INT':
      return INT_SUM as AggregateFunction<SumAccumulator>;
    case 'DOUBLE':
      return DOUBLE_SUM as AggregateFunction<SumAccumulator>;
    case 'FLOAT':
      return FLOAT_SUM as AggregateFunction<SumAccumulator>;
    case 'BIGINT':
      return BIGINT_SUM as AggregateFunction<SumAccumulator>;
    case 'DECIMAL': {
      if (resultType.kind !== 'DECIMAL') throw new InternalError(`SUM of DECIMAL cannot produce ${resultType.kind}`);
      return decimalSum(argType.scale, resultType.precision, resultType.scale) as AggregateFunction<SumAccumulator>;
    }
  }
}

const newNumberSum = (): NumberSumAccumulator => ({ sum: 0, count: 0 });
const newBigintSum = (): BigintSumAccumulator => ({ sum: 0n, count: 0 });

const INT_SUM: AggregateFunction<NumberSumAccumulator> = {
  createAccumulator: newNumberSum,
  accumulate(acc, value) {
    if (value === null) return acc;
    acc.sum = (acc.sum + (value as number)) | 0;
    acc.count++;
    return acc;
  },
  retract(acc, value) {
    if (value === null) return acc;
    acc.sum = (acc.sum - (value as number)) | 0;
    acc.count--;
    return acc;
  },
  merge(acc, other) {
    acc.sum = (acc.sum + other.sum) | 0;
    acc.count += other.count;
    return acc;
  },
  getValue: (acc) => (acc.count === 0 ? null : acc.sum),
};

/** SUM of TINYINT/SMALLINT: the 32-bit sum narrowed like Java's byte/short (wrapping per step or at the end agrees). */
function narrowedSum(shift: number): AggregateFunction<NumberSumAccumulator> {
  return { ...INT_SUM, getValue: (acc) => (acc.count === 0 ? null : (acc.sum << shift) >> shift) };
}

const DOUBLE_SUM: AggregateFunction<NumberSumAccumulator> = {
  createAccumulator: newNumberSum,
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
  getValue: (acc) => (acc.count === 0 ? null : acc.sum),
};

/** SUM of FLOAT: a FLOAT sum, each step rounded to float32 as Java's float addition. */
const FLOAT_SUM: AggregateFunction<NumberSumAccumulator> = {
  createAccumulator: newNumberSum,
  accumulate(acc, value) {
    if (value === null) return acc;
    acc.sum = Math.fround(acc.sum + (value as number));
    acc.count++;
    return acc;
  },
  retract(acc, value) {
    if (value === null) return acc;
    acc.sum = Math.fround(acc.sum - (value as number));
    acc.count--;
    return acc;
  },
  merge(acc, other) {
    acc.sum = Math.fround(acc.sum + other.sum);
    acc.count += other.count;
    return acc;
  },
  getValue: (acc) => (acc.count === 0 ? null : acc.sum),
};

const BIGINT_SUM: AggregateFunction<BigintSumAccumulator> = {
  createAccumulator: newBigintSum,
  accumulate(acc, value) {
    if (value === null) return acc;
    acc.sum = BigInt.asIntN(64, acc.sum + (value as bigint));
    acc.count++;
    return acc;
  },
  retract(acc, value) {
    if (value === null) return acc;
    acc.sum = BigInt.asIntN(64, acc.sum - (value as bigint));
    acc.count--;
    return acc;
  },
  merge(acc, other) {
    acc.sum = BigInt.asIntN(64, acc.sum + other.sum);
    acc.count += other.count;
    return acc;
  },
  getValue: (acc) => (acc.count === 0 ? null : acc.sum),
};

/** Exact sum of unscaled values at `argScale`, reported at the result's scale (normally the same). */
function decimalSum(argScale: number, resultPrecision: number, resultScale: number): AggregateFunction<BigintSumAccumulator> {
  return {
    createAccumulator: newBigintSum,
    accumulate(acc, value) {
      if (value === null) return acc;
      acc.sum += value as bigint;
      acc.count++;
      return acc;
    },
    retract(acc, value) {
      if (value === null) return acc;
      acc.sum -= value as bigint;
      acc.count--;
      return acc;
    },
    merge(acc, other) {
      acc.sum += other.sum;
      acc.count += other.count;
      return acc;
    },
    getValue(acc): Value {
      if (acc.count === 0) return null;
      const sum = rescale(acc.sum, argScale, resultScale);
      return fitsPrecision(sum, resultPrecision) ? sum : null;
    },
  };
}
