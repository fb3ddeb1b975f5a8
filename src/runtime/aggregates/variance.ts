/**
 * STDDEV_POP, STDDEV_SAMP, VAR_POP and VAR_SAMP with retraction. Flink plans them (Calcite's
 * AggregateReduceFunctionsRule) as arithmetic over SUM(x·x), SUM(x) and COUNT(x) in the argument's own type:
 *
 *   VAR_POP  = (SUM(x·x) − SUM(x)·SUM(x) / COUNT(x)) / COUNT(x)
 *   VAR_SAMP = (SUM(x·x) − SUM(x)·SUM(x) / COUNT(x)) / (COUNT(x) − 1), NULL when COUNT(x) = 1
 *   STDDEV_* = POWER(VAR_*, 0.5), cast back to the result type
 *
 * so this accumulator keeps those three sums and evaluates the same expression with the same types: over TINYINT …
 * BIGINT every step is integer arithmetic (the squares and sums wrap like Java's byte/short/int/long, divisions truncate), so
 * VAR_POP of INT 1, 2, 3, 4 is 1 and STDDEV_POP of it is 1, as in Flink; DOUBLE is IEEE arithmetic; DECIMAL is exact
 * with Flink's intermediate precisions and scales (see variance-decimal.ts). No rows (or only NULLs) give NULL.
 */
import { castFunction } from '../expr/casts.js';
import { BIGINT, DOUBLE, type DataType } from '../../common/types.js';
import type { AggregateFunction } from './aggregate-function.js';
import type { NumericType } from './result-type.js';
import { decimalVariance } from './variance-decimal.js';
import { sumsFunction, type VarianceAccumulator } from './variance-sums.js';

export type { VarianceAccumulator } from './variance-sums.js';

export type VarianceKind = 'STDDEV_POP' | 'STDDEV_SAMP' | 'VAR_POP' | 'VAR_SAMP';

export function createVariance(kind: VarianceKind, argType: NumericType, resultType: DataType): AggregateFunction<VarianceAccumulator> {
  const sample = kind === 'STDDEV_SAMP' || kind === 'VAR_SAMP';
  const root = kind === 'STDDEV_POP' || kind === 'STDDEV_SAMP';
  switch (argType.kind) {
    case 'DOUBLE':
      return doubleVariance(sample, root, (v) => v) as AggregateFunction<VarianceAccumulator>;
    case 'FLOAT':
      return doubleVariance(sample, root, Math.fround) as AggregateFunction<VarianceAccumulator>;
    case 'TINYINT':
      return integerVariance(8, sample, root, resultType) as AggregateFunction<VarianceAccumulator>;
    case 'SMALLINT':
      return integerVariance(16, sample, root, resultType) as AggregateFunction<VarianceAccumulator>;
    case 'INT':
      return integerVariance(32, sample, root, resultType) as AggregateFunction<VarianceAccumulator>;
    case 'BIGINT':
      return integerVariance(64, sample, root, resultType) as AggregateFunction<VarianceAccumulator>;
    case 'DECIMAL':
      return decimalVariance(argType.scale, sample, root, resultType) as AggregateFunction<VarianceAccumulator>;
  }
}

/** DOUBLE (`round` the identity) or FLOAT (`round` = Math.fround: every step is a float operation, as in Flink). */
function doubleVariance(sample: boolean, root: boolean, round: (v: number) => number): AggregateFunction<VarianceAccumulator<number>> {
  return sumsFunction<number>(0, (v) => v as number, (v) => round(v * v), (a, b, subtract) => round(subtract ? a - b : a + b), (acc) => {
    const denominator = sample ? acc.count - 1 : acc.count;
    if (acc.count === 0 || denominator === 0) return null;
    const variance = round(round(acc.sumSquares - round(round(acc.sum * acc.sum) / acc.count)) / denominator);
    return root ? round(Math.pow(variance, 0.5)) : variance;
  });
}

/**
 * TINYINT (bits 8), SMALLINT (16), INT (32) or BIGINT (64): squares and sums wrap at the argument's width; SUM(x)·SUM(x) too; dividing by the
 * BIGINT count gives a BIGINT (truncating), and the difference is a BIGINT. VAR casts that to the result type (INT
 * wraps); STDDEV takes POWER(·, 0.5) as a DOUBLE and casts it (truncating, saturating, NaN → 0).
 */
function integerVariance(bits: 8 | 16 | 32 | 64, sample: boolean, root: boolean, resultType: DataType): AggregateFunction<VarianceAccumulator<bigint>> {
  const wrap = (v: bigint): bigint => BigInt.asIntN(bits, v);
  const toResult = castFunction(BIGINT, resultType);
  const rootToResult = castFunction(DOUBLE, resultType);
  return sumsFunction<bigint>(0n, (v) => (typeof v === 'number' ? BigInt(v) : (v as bigint)), (v) => wrap(v * v), (a, b, subtract) => wrap(subtract ? a - b : a + b), (acc) => {
    const denominator = BigInt(sample ? acc.count - 1 : acc.count);
    if (acc.count === 0 || denominator === 0n) return null;
    const count = BigInt(acc.count);
    const difference = BigInt.asIntN(64, acc.sumSquares - wrap(acc.sum * acc.sum) / count);
    const variance = difference / denominator;
    return root ? rootToResult(Math.pow(Number(variance), 0.5)) : toResult(variance);
  });
}
