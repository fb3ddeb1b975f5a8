/**
 * Interval literals, checked as Flink 1.20 (Calcite) checks them. A day-time literal becomes milliseconds
 * (`INTERVAL '1:30' MINUTE TO SECOND` is 90 000, type INTERVAL), a year-month literal a number of months
 * (`INTERVAL '2-3' YEAR TO MONTH` is 27, type INTERVAL_YEAR_MONTH).
 *
 * The leading field has a precision, the digits it may have: 2 unless written (`YEAR(4)`, `DAY(3)`), from 1 to 10,
 * and for a day-time interval at most 3 (Flink keeps day-time intervals as INTERVAL SECOND(3) and refuses more).
 * So `INTERVAL '100' DAY` and `INTERVAL '120' MINUTE` are errors, as in Flink; `INTERVAL '100' DAY(3)` is not.
 */
import { PlanError } from '../../common/errors.js';
import { INTERVAL, INTERVAL_YEAR_MONTH } from '../../common/types.js';
import { MILLIS } from '../../common/time.js';
import { literalExpr, type LiteralExpr } from '../../dataflow/expr.js';
import type { IntervalLiteral, IntervalUnit, YearMonthIntervalLiteral } from '../../parser/ast.js';

const DEFAULT_PRECISION = 2;
const MAX_LEADING_PRECISION = 10;
/** Flink's planner refuses day-time intervals whose leading precision is above 3 ("DAY_INTERVAL_TYPES precision"). */
const MAX_DAY_TIME_PRECISION = 3;
const MAX_FRACTIONAL_PRECISION = 9;
const INT_MAX = 2 ** 31 - 1;

const UNIT_ORDER: readonly IntervalUnit[] = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
const UNIT_MILLIS: Readonly<Record<IntervalUnit, number>> = {
  DAY: MILLIS.day, HOUR: MILLIS.hour, MINUTE: MILLIS.minute, SECOND: MILLIS.second,
};
/** Upper bounds of the fields after the leading one (e.g. at most 23 hours in `DAY TO HOUR`). */
const FIELD_LIMIT: Readonly<Record<IntervalUnit, number>> = { DAY: Infinity, HOUR: 23, MINUTE: 59, SECOND: 59 };
/** The separator written before each unit when it is not the leading one. */
const SEPARATOR: Readonly<Record<IntervalUnit, string>> = { DAY: '', HOUR: ' ', MINUTE: ':', SECOND: ':' };

type AnyIntervalLiteral = IntervalLiteral | YearMonthIntervalLiteral;

function describe(node: AnyIntervalLiteral): string {
  return node.toUnit === undefined ? node.unit : `${node.unit} TO ${node.toUnit}`;
}

/** The qualifier as Calcite writes it in messages: `YEAR(2)`, `DAY(3) TO SECOND`. */
function qualifier(node: AnyIntervalLiteral): string {
  const leading = `${node.unit}(${node.precision ?? DEFAULT_PRECISION})`;
  return node.toUnit === undefined ? leading : `${leading} TO ${node.toUnit}`;
}

/** The leading precision, checked: PlanError at the literal when Flink would refuse it. */
function leadingPrecision(node: AnyIntervalLiteral, dayTime: boolean): number {
  const precision = node.precision ?? DEFAULT_PRECISION;
  if (precision < 1 || precision > MAX_LEADING_PRECISION) {
    throw new PlanError(`Interval leading field precision '${precision}' out of range for INTERVAL ${qualifier(node)}`, {
      position: node.position,
    });
  }
  if (dayTime && precision > MAX_DAY_TIME_PRECISION) {
    throw new PlanError(
      `Interval leading field precision ${precision} is not supported for a day-time interval (INTERVAL ${qualifier(node)}); Flink allows at most ${MAX_DAY_TIME_PRECISION}`,
      { position: node.position },
    );
  }
  return precision;
}

function checkLeadingField(node: AnyIntervalLiteral, digits: string, precision: number): void {
  if (BigInt(digits) >= 10n ** BigInt(precision)) {
    throw new PlanError(`Interval field value ${BigInt(digits)} exceeds precision of ${node.unit}(${precision}) field`, {
      position: node.position,
    });
  }
}

function invalid(node: AnyIntervalLiteral): PlanError {
  return new PlanError(`Invalid interval literal '${node.text}' for ${describe(node)}`, { position: node.position });
}

/**
 * The value of a day-time interval literal in milliseconds, with its sign. Accepted shapes follow the units: `'10'`
 * for a single unit (`'1.5'` for SECOND), `'1 02'` DAY TO HOUR, `'1 02:30'` DAY TO MINUTE, `'1 02:30:00.5'` DAY TO
 * SECOND, `'2:30'` HOUR TO MINUTE, `'2:30:15'` HOUR TO SECOND, `'1:30'` MINUTE TO SECOND. The leading field has at
 * most its precision's digits; the text may start with a sign. Fraction digits beyond milliseconds are dropped.
 */
export function parseIntervalLiteral(node: IntervalLiteral): number {
  const from = UNIT_ORDER.indexOf(node.unit);
  const to = node.toUnit === undefined ? from : UNIT_ORDER.indexOf(node.toUnit);
  if (to < from || (node.toUnit !== undefined && to === from)) {
    throw new PlanError(`Invalid interval qualifier ${describe(node)}`, { position: node.position });
  }
  const precision = leadingPrecision(node, true);
  const fraction = node.fractionalPrecision;
  if (fraction !== undefined && fraction > MAX_FRACTIONAL_PRECISION) {
    throw new PlanError(`Interval fractional second precision '${fraction}' out of range for INTERVAL ${describe(node)}`, {
      position: node.position,
    });
  }
  const units = UNIT_ORDER.slice(from, to + 1);
  let pattern = '^\\s*([+-])?';
  units.forEach((unit, i) => {
    pattern += `${i === 0 ? '' : SEPARATOR[unit] === ' ' ? '\\s+' : SEPARATOR[unit]}(\\d+)`;
  });
  if (units[units.length - 1] === 'SECOND') pattern += '(?:\\.(\\d{1,9}))?';
  pattern += '\\s*$';
  const match = new RegExp(pattern).exec(node.text);
  if (!match) throw invalid(node);
  checkLeadingField(node, match[2]!, precision);
  let millis = 0;
  units.forEach((unit, i) => {
    const field = Number(match[i + 2]);
    if (i > 0 && field > FIELD_LIMIT[unit]) throw invalid(node);
    millis += field * UNIT_MILLIS[unit];
  });
  const digits = match[units.length + 2];
  if (digits !== undefined) millis += Number(digits.slice(0, 3).padEnd(3, '0'));
  if (!Number.isSafeInteger(millis)) throw invalid(node);
  const textSign = match[1] === '-' ? -1 : 1;
  return millis === 0 ? 0 : millis * textSign * node.sign;
}

/**
 * The value of a year-month interval literal in months, with its sign: `'2'` YEAR (24), `'14'` MONTH, `'1-2'` YEAR
 * TO MONTH (14; the months at most 11). The leading field has at most its precision's digits.
 */
export function parseYearMonthIntervalLiteral(node: YearMonthIntervalLiteral): number {
  const precision = leadingPrecision(node, false);
  const pattern = node.toUnit === undefined ? /^\s*([+-])?(\d+)\s*$/ : /^\s*([+-])?(\d+)-(\d+)\s*$/;
  const match = pattern.exec(node.text);
  if (!match) throw invalid(node);
  checkLeadingField(node, match[2]!, precision);
  const leading = Number(match[2]);
  const months = match[3] === undefined ? 0 : Number(match[3]);
  if (months > 11) throw invalid(node);
  const total = node.unit === 'YEAR' ? leading * 12 + months : leading;
  if (total > INT_MAX) {
    throw new PlanError(`Interval literal '${node.text}' for ${describe(node)} is out of range (more than ${INT_MAX} months)`, {
      position: node.position,
    });
  }
  const textSign = match[1] === '-' ? -1 : 1;
  return total === 0 ? 0 : total * textSign * node.sign;
}

export function bindIntervalLiteral(node: IntervalLiteral): LiteralExpr {
  return literalExpr(parseIntervalLiteral(node), INTERVAL);
}

export function bindYearMonthIntervalLiteral(node: YearMonthIntervalLiteral): LiteralExpr {
  return literalExpr(parseYearMonthIntervalLiteral(node), INTERVAL_YEAR_MONTH);
}
