/**
 * Literal typing. Numbers keep their exactness: `12` is INT, `3000000000` BIGINT, `4.00` DECIMAL(3, 2), `1e3`
 * DOUBLE. Interval literals: see interval-literals.ts.
 */
import { PlanError } from '../../common/errors.js';
import {
  BIGINT, BOOLEAN, DOUBLE, INT, MAX_DECIMAL_PRECISION, NULL_TYPE, STRING, decimal,
} from '../../common/types.js';
import { literalExpr, type LiteralExpr } from '../../dataflow/expr.js';
import type { Literal } from '../../parser/ast.js';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

const NUMBER_PATTERN = /^(\d*)(?:\.(\d*))?(?:[eE][+-]?\d+)?$/;

function outOfRange(text: string, literal: Literal): PlanError {
  return new PlanError(`Numeric literal '${text}' is out of range`, { position: literal.position });
}

/** Types a numeric literal; `negative` folds a preceding unary minus into it (so -2147483648 is an INT). */
export function bindNumberLiteral(literal: Literal, negative = false): LiteralExpr {
  const text = literal.text.trim();
  const match = NUMBER_PATTERN.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    throw new PlanError(`Malformed numeric literal '${literal.text}'`, { position: literal.position });
  }
  const shown = negative ? `-${text}` : text;
  if (/[eE]/.test(text)) {
    const value = Number(text);
    if (!Number.isFinite(value)) throw outOfRange(shown, literal);
    return literalExpr(negative ? -value : value, DOUBLE);
  }
  const intPart = match[1] ?? '';
  const fraction = match[2];
  if (fraction === undefined) {
    const magnitude = BigInt(intPart);
    const value = negative ? -magnitude : magnitude;
    if (value >= BigInt(INT_MIN) && value <= BigInt(INT_MAX)) return literalExpr(Number(value), INT);
    if (value >= BIGINT_MIN && value <= BIGINT_MAX) return literalExpr(value, BIGINT);
    const precision = magnitude.toString().length;
    if (precision > MAX_DECIMAL_PRECISION) throw outOfRange(shown, literal);
    return literalExpr(value, decimal(precision, 0));
  }
  const scale = fraction.length;
  const integerDigits = intPart.replace(/^0+/, '').length;
  const precision = Math.max(integerDigits + scale, 1);
  if (precision > MAX_DECIMAL_PRECISION) throw outOfRange(shown, literal);
  const magnitude = BigInt(`${intPart}${fraction}` || '0');
  return literalExpr(negative ? -magnitude : magnitude, decimal(precision, Math.min(scale, precision)));
}

/** Types any non-interval literal. */
export function bindLiteral(literal: Literal, negative = false): LiteralExpr {
  switch (literal.type) {
    case 'number':
      return bindNumberLiteral(literal, negative);
    case 'string':
      return literalExpr(literal.text, STRING);
    case 'boolean':
      return literalExpr(literal.text.toUpperCase() === 'TRUE', BOOLEAN);
    case 'null':
      return literalExpr(null, NULL_TYPE);
  }
}
