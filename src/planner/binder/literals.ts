/**
 * Literal typing. Numbers keep their exactness: `12` is INT, `3000000000` BIGINT, `4.00` DECIMAL(3, 2), `1e3`
 * DOUBLE. Interval literals become milliseconds: `INTERVAL '1:30' MINUTE TO SECOND` is 90 000.
 */
import { PlanError } from '../../common/errors.js';
import {
  BIGINT, BOOLEAN, DOUBLE, INT, INTERVAL, MAX_DECIMAL_PRECISION, NULL_TYPE, STRING, decimal,
} from '../../common/types.js';
import { MILLIS } from '../../common/time.js';
import { literalExpr, type LiteralExpr } from '../../dataflow/expr.js';
import type { IntervalLiteral, IntervalUnit, Literal } from '../../parser/ast.js';

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

const UNIT_ORDER: readonly IntervalUnit[] = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
const UNIT_MILLIS: Readonly<Record<IntervalUnit, number>> = {
  DAY: MILLIS.day, HOUR: MILLIS.hour, MINUTE: MILLIS.minute, SECOND: MILLIS.second,
};
/** Upper bounds of the fields after the leading one (e.g. at most 23 hours in `DAY TO HOUR`). */
const FIELD_LIMIT: Readonly<Record<IntervalUnit, number>> = { DAY: Infinity, HOUR: 23, MINUTE: 59, SECOND: 59 };
/** The separator written before each unit when it is not the leading one. */
const SEPARATOR: Readonly<Record<IntervalUnit, string>> = { DAY: '', HOUR: ' ', MINUTE: ':', SECOND: ':' };

function describe(node: IntervalLiteral): string {
  return node.toUnit === undefined ? node.unit : `${node.unit} TO ${node.toUnit}`;
}

/**
 * The value of an interval literal in milliseconds, with its sign. Accepted shapes follow the units: `'10'` for a
 * single unit (`'1.5'` for SECOND), `'1 02'` DAY TO HOUR, `'1 02:30'` DAY TO MINUTE, `'1 02:30:00.5'` DAY TO
 * SECOND, `'2:30'` HOUR TO MINUTE, `'2:30:15'` HOUR TO SECOND, `'1:30'` MINUTE TO SECOND. The leading field may
 * have any number of digits; the text may start with a sign.
 */
export function parseIntervalLiteral(node: IntervalLiteral): number {
  const from = UNIT_ORDER.indexOf(node.unit);
  const to = node.toUnit === undefined ? from : UNIT_ORDER.indexOf(node.toUnit);
  if (to < from || (node.toUnit !== undefined && to === from)) {
    throw new PlanError(`Invalid interval qualifier ${describe(node)}`, { position: node.position });
  }
  const units = UNIT_ORDER.slice(from, to + 1);
  let pattern = '^\\s*([+-])?';
  units.forEach((unit, i) => {
    pattern += `${i === 0 ? '' : SEPARATOR[unit] === ' ' ? '\\s+' : SEPARATOR[unit]}(\\d+)`;
  });
  if (units[units.length - 1] === 'SECOND') pattern += '(?:\\.(\\d{1,9}))?';
  pattern += '\\s*$';
  const match = new RegExp(pattern).exec(node.text);
  const invalid = (): PlanError => new PlanError(`Invalid interval literal '${node.text}' for ${describe(node)}`, {
    position: node.position,
  });
  if (!match) throw invalid();
  let millis = 0;
  units.forEach((unit, i) => {
    const field = Number(match[i + 2]);
    if (i > 0 && field > FIELD_LIMIT[unit]) throw invalid();
    millis += field * UNIT_MILLIS[unit];
  });
  const fraction = match[units.length + 2];
  if (fraction !== undefined) millis += Number(fraction.slice(0, 3).padEnd(3, '0'));
  if (!Number.isSafeInteger(millis)) throw invalid();
  const textSign = match[1] === '-' ? -1 : 1;
  return millis === 0 ? 0 : millis * textSign * node.sign;
}

export function bindIntervalLiteral(node: IntervalLiteral): LiteralExpr {
  return literalExpr(parseIntervalLiteral(node), INTERVAL);
}
