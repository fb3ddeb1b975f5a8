/**
 * The variance functions over DECIMAL(p, s), with the intermediate types Flink derives for the expression it plans
 * (see variance.ts). The argument is first cast to the result type DECIMAL(38, S), S = max(6, s); products and
 * quotients then take Flink's DECIMAL result types (LogicalTypeMerging): 38 digits at most, the scale cut to no less
 * than 6 when the digits do not fit, rounding HALF_UP. A step whose value needs more than 38 digits is NULL.
 */
import { decimalToNumber, divideRoundHalfUp, fitsPrecision, pow10, rescale } from '../../common/decimal.js';
import { InternalError } from '../../common/errors.js';
import { DOUBLE, MAX_DECIMAL_PRECISION, decimal, type DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import { castFunction } from '../expr/casts.js';
import type { AggregateFunction } from './aggregate-function.js';
import { sumsFunction, type VarianceAccumulator } from './variance-sums.js';

interface Shape {
  readonly precision: number;
  readonly scale: number;
}

const MAX = MAX_DECIMAL_PRECISION;
/** COUNT(x) is a BIGINT, which enters decimal arithmetic as DECIMAL(19, 0). */
const COUNT_SHAPE: Shape = { precision: 19, scale: 0 };

/** Flink's reduction of a too-precise DECIMAL type to 38 digits. */
function adjust(precision: number, scale: number): Shape {
  if (precision <= MAX) return { precision, scale };
  return { precision: MAX, scale: Math.max(MAX - (precision - scale), Math.min(scale, 6)) };
}

const product = (a: Shape, b: Shape): Shape => adjust(a.precision + b.precision + 1, a.scale + b.scale);
const difference = (a: Shape, b: Shape): Shape => {
  const scale = Math.max(a.scale, b.scale);
  return adjust(Math.max(a.precision - a.scale, b.precision - b.scale) + scale + 1, scale);
};
const quotient = (a: Shape, b: Shape): Shape => {
  const scale = Math.max(6, a.scale + b.precision + 1);
  return adjust(a.precision - a.scale + b.scale + scale, scale);
};

export function decimalVariance(argScale: number, sample: boolean, root: boolean, resultType: DataType): AggregateFunction<VarianceAccumulator<bigint>> {
  if (resultType.kind !== 'DECIMAL') throw new InternalError(`A variance of DECIMAL cannot produce ${resultType.kind}`);
  const value: Shape = { precision: MAX, scale: resultType.scale };
  const square = product(value, value); // x·x, and SUM(x)·SUM(x)
  const sumOfSquares: Shape = { precision: MAX, scale: square.scale }; // SUM(x·x)
  const mean = quotient(square, COUNT_SHAPE); // SUM(x)·SUM(x) / COUNT(x)
  const spread = difference(sumOfSquares, mean);
  const variance = quotient(spread, COUNT_SHAPE);
  const toResult = castFunction(decimal(variance.precision, variance.scale), resultType);
  const rootToResult = castFunction(DOUBLE, resultType);
  const checked = (unscaled: bigint, shape: Shape): bigint | null => (fitsPrecision(unscaled, shape.precision) ? unscaled : null);
  const divide = (numerator: bigint, from: Shape, denominator: bigint, to: Shape): bigint =>
    divideRoundHalfUp(numerator * pow10(Math.max(0, to.scale - from.scale)), denominator * pow10(Math.max(0, from.scale - to.scale)));

  return sumsFunction<bigint>(
    0n,
    (v) => rescale(v as bigint, argScale, value.scale),
    (v) => rescale(v * v, 2 * value.scale, square.scale),
    (a, b, subtract) => (subtract ? a - b : a + b),
    (acc): Value => {
      const denominator = BigInt(sample ? acc.count - 1 : acc.count);
      if (acc.count === 0 || denominator === 0n) return null;
      const sumSquares = checked(acc.sumSquares, sumOfSquares);
      const sum = checked(acc.sum, value);
      if (sumSquares === null || sum === null) return null;
      const sumSquared = checked(rescale(sum * sum, 2 * value.scale, square.scale), square);
      if (sumSquared === null) return null;
      const meanValue = checked(divide(sumSquared, square, BigInt(acc.count), mean), mean);
      if (meanValue === null) return null;
      const commonScale = Math.max(sumOfSquares.scale, mean.scale);
      const spreadValue = checked(
        rescale(rescale(sumSquares, sumOfSquares.scale, commonScale) - rescale(meanValue, mean.scale, commonScale), commonScale, spread.scale),
        spread,
      );
      if (spreadValue === null) return null;
      const varianceValue = checked(divide(spreadValue, spread, denominator, variance), variance);
      if (varianceValue === null) return null;
      return root ? rootToResult(Math.pow(decimalToNumber(varianceValue, variance.scale), 0.5)) : toResult(varianceValue);
    },
  );
}
