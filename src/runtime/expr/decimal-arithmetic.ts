/**
 * Exact DECIMAL arithmetic on unscaled bigints. Operands keep their own scales; results are rounded HALF_UP to the
 * result scale, and a result with more digits than the result precision is NULL (as in Flink).
 */
import { ExecutionError } from '../../common/errors.js';
import { divideRoundHalfUp, fitsPrecision, pow10, rescale } from '../../common/decimal.js';

export type DecimalOp = 'add' | 'subtract' | 'multiply' | 'divide' | 'modulo';

export interface DecimalShape {
  readonly precision: number;
  readonly scale: number;
}

export type DecimalFunction = (a: bigint, b: bigint) => bigint | null;

function checked(unscaled: bigint, precision: number): bigint | null {
  return fitsPrecision(unscaled, precision) ? unscaled : null;
}

function divisionByZero(): ExecutionError {
  return new ExecutionError('Division by zero');
}

/** A function computing `a op b` for operands of scales `left.scale` and `right.scale`, giving a `result` value. */
export function decimalFunction(op: DecimalOp, left: DecimalShape, right: DecimalShape, result: DecimalShape): DecimalFunction {
  const s1 = left.scale;
  const s2 = right.scale;
  const common = Math.max(s1, s2);
  const upLeft = pow10(common - s1);
  const upRight = pow10(common - s2);
  const { precision, scale } = result;
  switch (op) {
    case 'add':
      return (a, b) => checked(rescale(a * upLeft + b * upRight, common, scale), precision);
    case 'subtract':
      return (a, b) => checked(rescale(a * upLeft - b * upRight, common, scale), precision);
    case 'multiply':
      return (a, b) => checked(rescale(a * b, s1 + s2, scale), precision);
    case 'divide': {
      // (a / 10^s1) / (b / 10^s2) × 10^scale = a × 10^(scale + s2 − s1) / b
      const shift = scale + s2 - s1;
      const numeratorFactor = pow10(Math.max(shift, 0));
      const denominatorFactor = pow10(Math.max(-shift, 0));
      return (a, b) => {
        if (b === 0n) throw divisionByZero();
        return checked(divideRoundHalfUp(a * numeratorFactor, b * denominatorFactor), precision);
      };
    }
    case 'modulo':
      return (a, b) => {
        if (b === 0n) throw divisionByZero();
        return checked(rescale((a * upLeft) % (b * upRight), common, scale), precision);
      };
  }
}

/** Compares two unscaled decimals of scales `leftScale` and `rightScale` exactly: negative, 0 or positive. */
export function decimalComparator(leftScale: number, rightScale: number): (a: bigint, b: bigint) => number {
  const common = Math.max(leftScale, rightScale);
  const upLeft = pow10(common - leftScale);
  const upRight = pow10(common - rightScale);
  return (a, b) => {
    const x = a * upLeft;
    const y = b * upRight;
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
