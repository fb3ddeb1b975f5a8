/**
 * Scalar arithmetic kernels, chosen once per expression from the operand types. INT wraps like a Java int,
 * BIGINT like a Java long; integer division truncates toward zero; DOUBLE follows IEEE 754, FLOAT too, each result
 * rounded to float32 (Math.fround of the double result is the correctly rounded float result for + − × ÷).
 */
import { ExecutionError, InternalError } from '../../common/errors.js';
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import { millisToNanos } from '../../common/precise-timestamp.js';
import { MILLIS } from '../../common/time.js';
import { decimalFunction, type DecimalOp } from './decimal-arithmetic.js';

/** A function of two non-null operands. */
export type BinaryFunction = (a: Value, b: Value) => Value;
export type UnaryFunction = (a: Value) => Value;

export type ArithmeticOp = DecimalOp;

function divisionByZero(): ExecutionError {
  return new ExecutionError('Division by zero');
}

const INT_FUNCTIONS: Readonly<Record<ArithmeticOp, (a: number, b: number) => number>> = {
  add: (a, b) => (a + b) | 0,
  subtract: (a, b) => (a - b) | 0,
  multiply: (a, b) => Math.imul(a, b),
  divide: (a, b) => {
    if (b === 0) throw divisionByZero();
    return Math.trunc(a / b) | 0;
  },
  modulo: (a, b) => {
    if (b === 0) throw divisionByZero();
    return (a % b) | 0;
  },
};

const BIGINT_FUNCTIONS: Readonly<Record<ArithmeticOp, (a: bigint, b: bigint) => bigint>> = {
  add: (a, b) => BigInt.asIntN(64, a + b),
  subtract: (a, b) => BigInt.asIntN(64, a - b),
  multiply: (a, b) => BigInt.asIntN(64, a * b),
  divide: (a, b) => {
    if (b === 0n) throw divisionByZero();
    return BigInt.asIntN(64, a / b);
  },
  modulo: (a, b) => {
    if (b === 0n) throw divisionByZero();
    return a % b;
  },
};

const DOUBLE_FUNCTIONS: Readonly<Record<ArithmeticOp, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  modulo: (a, b) => a % b,
};

/** `a op b` for operands of types `left`/`right` producing `result` (types as the binder coerced them). */
export function arithmeticFunction(op: ArithmeticOp, left: DataType, right: DataType, result: DataType): BinaryFunction {
  switch (result.kind) {
    case 'TINYINT':
    case 'SMALLINT': {
      // As Java does for byte/short results in Flink's generated code: computed as an int, then narrowed.
      const f = INT_FUNCTIONS[op];
      const shift = result.kind === 'TINYINT' ? 24 : 16;
      return (a, b) => (f(a as number, b as number) << shift) >> shift;
    }
    case 'INT': {
      const f = INT_FUNCTIONS[op];
      return (a, b) => f(a as number, b as number);
    }
    case 'BIGINT': {
      const f = BIGINT_FUNCTIONS[op];
      return (a, b) => f(a as bigint, b as bigint);
    }
    case 'INTERVAL_YEAR_MONTH': {
      // Months as a Java int: ± wraps, and × a BIGINT factor (the binder widens every factor to one) keeps the
      // product's low 32 bits, as Flink's (int) cast of the long product.
      if (op === 'multiply') return (a, b) => Number(BigInt.asIntN(32, BigInt(a as number) * (b as bigint)));
      const f = INT_FUNCTIONS[op];
      return (a, b) => f(a as number, b as number);
    }
    case 'DOUBLE':
    case 'INTERVAL': {
      const f = DOUBLE_FUNCTIONS[op];
      return (a, b) => f(a as number, b as number);
    }
    case 'FLOAT': {
      const f = DOUBLE_FUNCTIONS[op];
      return (a, b) => Math.fround(f(a as number, b as number));
    }
    case 'DECIMAL': {
      if (left.kind !== 'DECIMAL' || right.kind !== 'DECIMAL') break;
      const f = decimalFunction(op, left, right, result);
      return (a, b) => f(a as bigint, b as bigint);
    }
    default:
      break;
  }
  throw new InternalError(`No arithmetic '${op}' for ${left.kind} and ${right.kind} giving ${result.kind}`);
}

/** Unary minus for a value of `type`. */
export function negateFunction(type: DataType): UnaryFunction {
  switch (type.kind) {
    case 'TINYINT': return (a) => (-(a as number) << 24) >> 24;
    case 'SMALLINT': return (a) => (-(a as number) << 16) >> 16;
    case 'INT':
    case 'INTERVAL_YEAR_MONTH': return (a) => -(a as number) | 0;
    case 'BIGINT': return (a) => BigInt.asIntN(64, -(a as bigint));
    case 'DECIMAL': return (a) => -(a as bigint);
    case 'FLOAT':
    case 'DOUBLE': return (a) => -(a as number);
    case 'INTERVAL': return (a) => 0 - (a as number);
    default: throw new InternalError(`No negation for ${type.kind}`);
  }
}

/** TIME ± INTERVAL (both milliseconds): the time of day it lands on, whole days dropped (as Flink). */
export function timeIntervalFunction(subtract: boolean): BinaryFunction {
  const day = MILLIS.day;
  return (t, i) => {
    const moved = ((t as number) + (subtract ? -(i as number) : (i as number))) % day;
    return moved < 0 ? moved + day : moved;
  };
}

/** TIMESTAMP ± INTERVAL (both milliseconds). */
export function timestampIntervalFunction(subtract: boolean, precise = false): BinaryFunction {
  // A precise timestamp (bigint nanoseconds) moves by the interval's milliseconds in nanoseconds.
  if (precise) {
    return subtract ? (t, i) => (t as bigint) - millisToNanos(i as number) : (t, i) => (t as bigint) + millisToNanos(i as number);
  }
  return subtract ? (t, i) => (t as number) - (i as number) : (t, i) => (t as number) + (i as number);
}
