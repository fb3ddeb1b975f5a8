/**
 * Arithmetic with intervals, typed as Flink 1.20 types it:
 *
 * - day-time (INTERVAL SECOND(3), milliseconds): TIMESTAMP / TIMESTAMP_LTZ ± interval shifts the instant, TIME ±
 *   interval wraps around midnight, DATE ± interval moves its midnight and keeps the date;
 * - year-month (INTERVAL MONTH, months): TIMESTAMP / TIMESTAMP_LTZ / DATE ± interval adds calendar months, the day
 *   clamped to the end of the month (`DATE '2020-01-31' + INTERVAL '1' MONTH` is 2020-02-29), as TIMESTAMPADD(MONTH)
 *   does; TIME ± interval is the time unchanged;
 * - interval ± interval of the same kind; interval × integer and integer × interval (a year-month product wraps as
 *   a Java int).
 *
 * Flink 1.20 refuses to divide an interval and to multiply one by a DECIMAL, FLOAT or DOUBLE (its code generator has
 * no such call); so does Sluice, with the reason. Mixing the kinds (`INTERVAL '1' YEAR - INTERVAL '1' DAY`) is a type
 * error, as in Flink.
 */
import { PlanError, type SourcePosition } from '../../common/errors.js';
import {
  BIGINT, DATE, DOUBLE, INTERVAL, INTERVAL_YEAR_MONTH, STRING, TIMESTAMP3, formatType, isInterval, withoutRowtime, type DataType,
} from '../../common/types.js';
import { literalExpr, type Expr, type ScalarOp } from '../../dataflow/expr.js';
import { coerce, type ArithmeticOp } from './coercion.js';

function call(op: ScalarOp, args: readonly Expr[], type: DataType): Expr {
  return { kind: 'call', op, args, type };
}

const INTEGER_KINDS: ReadonlySet<DataType['kind']> = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT']);
const FRACTIONAL_KINDS: ReadonlySet<DataType['kind']> = new Set(['FLOAT', 'DOUBLE', 'DECIMAL']);

function isTimestamp(type: DataType): boolean {
  return type.kind === 'TIMESTAMP' || type.kind === 'TIMESTAMP_LTZ';
}

/**
 * `left op right` when an interval takes part and Flink has a meaning for it; undefined when no rule applies (the
 * caller reports the type error); PlanError at `position` for what Flink refuses although the types would allow it.
 */
export function bindIntervalArithmetic(op: ArithmeticOp, left: Expr, right: Expr, position: SourcePosition): Expr | undefined {
  const lt = left.type;
  const rt = right.type;
  if (!isInterval(lt) && !isInterval(rt)) return undefined;
  if (op === 'multiply' && isInterval(lt) !== isInterval(rt)) {
    const [interval, factor] = isInterval(lt) ? [left, right] : [right, left];
    if (FRACTIONAL_KINDS.has(factor.type.kind)) {
      throw new PlanError(
        `Cannot multiply ${formatType(interval.type)} by ${formatType(factor.type)}: Flink 1.20 multiplies an interval by an integer only`,
        { position },
      );
    }
    if (!INTEGER_KINDS.has(factor.type.kind)) return undefined;
    return interval.type.kind === 'INTERVAL'
      ? call('multiply', [interval, coerce(factor, DOUBLE)], INTERVAL)
      : call('multiply', [interval, coerce(factor, BIGINT)], INTERVAL_YEAR_MONTH);
  }
  if (op === 'divide' && isInterval(lt) && !isInterval(rt)) {
    throw new PlanError(`Cannot divide ${formatType(lt)} by ${formatType(withoutRowtime(rt))}: Flink 1.20 does not divide intervals`, { position });
  }
  if (op !== 'add' && op !== 'subtract') return undefined;
  if (isInterval(lt) && lt.kind === rt.kind) return call(op, [left, right], lt);
  // Only `interval + datetime` is allowed with the interval first; `interval - datetime` is a type error.
  const [datetime, interval] = isInterval(rt) ? [left, right] : op === 'add' ? [right, left] : [undefined, undefined];
  if (datetime === undefined || interval === undefined) return undefined;
  const subtract = op === 'subtract';
  return interval.type.kind === 'INTERVAL' ? shiftByDayTime(datetime, interval, subtract) : shiftByMonths(datetime, interval, subtract);
}

/** DATETIME ± day-time interval (milliseconds). */
function shiftByDayTime(datetime: Expr, interval: Expr, subtract: boolean): Expr | undefined {
  const type = datetime.type;
  if (isTimestamp(type)) {
    return call(subtract ? 'timestamp-subtract-interval' : 'timestamp-add-interval', [datetime, interval], withoutRowtime(type));
  }
  // TIME ± INTERVAL: the time of day it lands on, wrapping around midnight (as Flink).
  if (type.kind === 'TIME') return call(subtract ? 'time-subtract-interval' : 'time-add-interval', [datetime, interval], type);
  if (type.kind === 'DATE') {
    // DATE ± INTERVAL: the midnight moved, then its date (whole days count; hours past midnight are dropped).
    const midnight: Expr = { kind: 'cast', arg: datetime, type: TIMESTAMP3 };
    const moved = call(subtract ? 'timestamp-subtract-interval' : 'timestamp-add-interval', [midnight, interval], TIMESTAMP3);
    return { kind: 'cast', arg: moved, type: DATE };
  }
  return undefined;
}

/** DATETIME ± year-month interval: TIMESTAMPADD(MONTH, ±months, datetime), the day clamped to the month's end. */
function shiftByMonths(datetime: Expr, interval: Expr, subtract: boolean): Expr | undefined {
  const type = datetime.type;
  const months = subtract ? call('negate', [interval], INTERVAL_YEAR_MONTH) : interval;
  const addMonths = (base: Expr): Expr => call('timestamp-add', [literalExpr('MONTH', STRING), months, base], withoutRowtime(base.type));
  if (isTimestamp(type)) return addMonths(datetime);
  if (type.kind === 'DATE') return { kind: 'cast', arg: addMonths({ kind: 'cast', arg: datetime, type: TIMESTAMP3 }), type: DATE };
  // A time of day plus whole months is the same time of day (Flink); NULL when the interval is.
  if (type.kind === 'TIME') {
    const missing = call('is-null', [interval], { kind: 'BOOLEAN' });
    return { kind: 'case', whens: [{ when: missing, then: literalExpr(null, type) }], otherwise: datetime, type };
  }
  return undefined;
}
