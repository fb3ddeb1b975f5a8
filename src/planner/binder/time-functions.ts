/**
 * Binding the date and time functions: EXTRACT and its shorthands (YEAR(ts), HOUR(ts), …), FLOOR/CEIL(ts TO unit),
 * TIMESTAMPADD, TIMESTAMPDIFF, DATE_FORMAT, TO_TIMESTAMP, UNIX_TIMESTAMP and FROM_UNIXTIME. Time units arrive from the
 * parser as symbols and become STRING literal arguments; runtime/expr/time-functions.ts evaluates.
 */
import { NotImplementedError, PlanError, type SourcePosition } from '../../common/errors.js';
import {
  BIGINT, DATE, INT, INTERVAL, STRING, TIMESTAMP3, formatType, isRowtime, time, timestamp as timestampType, timestampLtz, withoutRowtime, type DataType,
} from '../../common/types.js';
import type { Expression, FunctionCall } from '../../parser/ast.js';
import type { Expr, FunctionOp } from '../../dataflow/expr.js';
import { coerce } from './coercion.js';
import type { BindExpression } from './functions.js';

/** EXTRACT shorthands and the unit each reads. */
const EXTRACTORS: Readonly<Record<string, string>> = {
  YEAR: 'YEAR', QUARTER: 'QUARTER', MONTH: 'MONTH', WEEK: 'WEEK', DAYOFYEAR: 'DOY', DAYOFMONTH: 'DAY', DAYOFWEEK: 'DOW',
  HOUR: 'HOUR', MINUTE: 'MINUTE', SECOND: 'SECOND',
};

const EXTRACT_UNITS = ['NANOSECOND', 'MICROSECOND', 'MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'DOW', 'DOY'];
const ROUNDING_UNITS = ['MILLISECOND', 'SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
/** TIMESTAMPDIFF also counts micro- and nanoseconds (of whole seconds, as Flink). */
const DIFF_UNITS = ['NANOSECOND', 'MICROSECOND', ...ROUNDING_UNITS];

export const TIME_FUNCTIONS: readonly string[] = [
  'EXTRACT', ...Object.keys(EXTRACTORS), 'TIMESTAMPADD', 'TIMESTAMPDIFF', 'DATE_FORMAT', 'TO_TIMESTAMP', 'UNIX_TIMESTAMP', 'FROM_UNIXTIME',
  'TO_TIMESTAMP_LTZ', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'TO_DATE',
];

const DATE_UNITS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];

/** FLOOR(ts TO unit) / CEIL(ts TO unit): the call has a time unit symbol as its second argument. */
export function isTimeRounding(node: FunctionCall): boolean {
  return node.args.length === 2 && node.args[1]?.kind === 'symbol';
}

export function bindTimeFunction(name: string, node: FunctionCall, bind: BindExpression): Expr {
  const position = node.position;
  const unitArg = (index: number, allowed: readonly string[]): Expr => {
    const arg = node.args[index];
    if (arg?.kind !== 'symbol') throw new PlanError(`Function '${name}' needs a time unit as argument ${index + 1}`, { position: arg?.position ?? position });
    if (!allowed.includes(arg.name)) {
      throw new PlanError(`Function '${name}' does not take the unit ${arg.name} (it takes ${allowed.join(', ')})`, { position: arg.position ?? position });
    }
    return { kind: 'literal', value: arg.name, type: STRING };
  };
  const value = (index: number): { expr: Expr; position: SourcePosition } => {
    const arg = node.args[index] as Expression | undefined;
    if (arg === undefined) throw new PlanError(`Function '${name}' needs an argument ${index + 1}`, { position });
    return { expr: bind(arg), position: arg.position ?? position };
  };
  const typed = (index: number, kinds: readonly DataType['kind'][], to: DataType, wanted: string): Expr => {
    const { expr, position: at } = value(index);
    if (expr.type.kind === 'NULL') return coerce(expr, to);
    if (!kinds.includes(expr.type.kind)) {
      throw new PlanError(`Function '${name}' takes ${wanted} as argument ${index + 1}, not ${formatType(withoutRowtime(expr.type))}`, { position: at });
    }
    return expr;
  };
  // A DATE is read as its midnight and a TIME as that time on 1970-01-01; a TIMESTAMP or TIMESTAMP_LTZ of any
  // precision as it is (a precise one's sub-millisecond digits are kept by TIMESTAMPADD and dropped by FLOOR, CEIL
  // and TIMESTAMPDIFF, which count in milliseconds, as Flink does: runtime/expr/time-functions.ts).
  const instantOrTimestamp = (index: number): Expr => {
    const expr = typed(index, ['TIMESTAMP', 'TIMESTAMP_LTZ', 'DATE', 'TIME'], TIMESTAMP3, 'a TIMESTAMP, TIMESTAMP_LTZ or DATE');
    return expr.type.kind === 'DATE' || expr.type.kind === 'TIME' ? { kind: 'cast', arg: expr, type: TIMESTAMP3 } : expr;
  };
  /** The result of a function computed on `instantOrTimestamp(index)`, back in the argument's own type (Flink's ARG0). */
  const asArgumentType = (index: number, result: Expr): Expr => {
    const type = withoutRowtime(bind(node.args[index]!).type);
    if (type.kind === 'DATE' || type.kind === 'TIME') return { kind: 'cast', arg: result, type };
    return type.kind === 'NULL' ? result : { ...result, type } as Expr;
  };
  // EXTRACT and DATE_FORMAT read a TIMESTAMP_LTZ as its wall clock in the session time zone, as Flink does.
  const wallClock = (index: number): Expr => {
    const expr = typed(index, ['TIMESTAMP', 'TIMESTAMP_LTZ', 'DATE', 'TIME'], TIMESTAMP3, 'a TIMESTAMP, TIMESTAMP_LTZ or DATE');
    if (expr.type.kind === 'TIMESTAMP') return expr;
    return { kind: 'cast', arg: expr, type: expr.type.kind === 'TIMESTAMP_LTZ' ? timestampType(expr.type.precision) : TIMESTAMP3 };
  };
  const isDate = (index: number): boolean => bind(node.args[index]!).type.kind === 'DATE';
  const asDate = (expr: Expr): Expr => ({ kind: 'cast', arg: expr, type: DATE });
  const string = (index: number): Expr => typed(index, ['STRING'], STRING, 'a STRING');
  const integer = (index: number): Expr => typed(index, ['INT', 'BIGINT'], INT, 'an INT');
  const count = (...counts: number[]): void => {
    if (!counts.includes(node.args.length)) {
      throw new PlanError(`Function '${name}' needs ${counts.join(' or ')} arguments, got ${node.args.length}`, { position });
    }
  };
  const call = (op: FunctionOp, args: readonly Expr[], type: DataType): Expr => ({ kind: 'call', op, args, type });

  const extractor = EXTRACTORS[name];
  if (extractor !== undefined) {
    count(1);
    return call('extract', [{ kind: 'literal', value: extractor, type: STRING }, wallClock(0)], BIGINT);
  }
  switch (name) {
    case 'EXTRACT':
      count(2);
      return call('extract', [unitArg(0, EXTRACT_UNITS), wallClock(1)], BIGINT);
    case 'FLOOR':
    case 'CEIL':
    case 'CEILING': {
      count(2);
      const op = name === 'FLOOR' ? 'floor-time' : 'ceil-time';
      const unit = unitArg(1, ROUNDING_UNITS);
      const arg = instantOrTimestamp(0);
      // The result has the argument's type, as in Flink: TIMESTAMP(p) stays TIMESTAMP(p), a DATE a DATE.
      if (arg.type.kind !== 'TIMESTAMP_LTZ') return asArgumentType(0, call(op, [arg, unit], arg.type));
      // A TIMESTAMP_LTZ: its wall clock in the session zone is rounded, and the instant moves by as much as the wall
      // clock did. So the zone offset of the input applies (Flink's SqlDateTimeUtils.timestampFloor/Ceil): across a
      // daylight-saving change CEIL(TO YEAR) of a summer time lands an hour before the winter midnight, as in Flink.
      // The move counts in milliseconds from the input's millisecond (a precise input's finer digits drop, as Flink).
      const wall = wallClock(0);
      const shift = call('timestamp-diff', [{ kind: 'literal', value: 'MILLISECOND', type: STRING }, wall, call(op, [wall, unit], wall.type)], INTERVAL);
      const millisecond: Expr = arg.type.precision > 3 ? { kind: 'cast', arg, type: timestampLtz(3) } : arg;
      const moved: Expr = { kind: 'call', op: 'timestamp-add-interval', args: [millisecond, shift], type: timestampLtz(Math.min(arg.type.precision, 3)) };
      return arg.type.precision > 3 ? { kind: 'cast', arg: moved, type: timestampLtz(arg.type.precision) } : moved;
    }
    case 'TIMESTAMPADD': {
      count(3);
      const unit = unitArg(0, ROUNDING_UNITS);
      const unitName = (unit as { value: string }).value;
      const base = instantOrTimestamp(2);
      const added = call('timestamp-add', [unit, integer(1), base], base.type);
      // As Flink: a TIMESTAMP(p) or TIMESTAMP_LTZ(p) keeps its type, a TIME stays a TIME of day (wrapping), a DATE plus
      // whole days (or longer) stays a DATE, and a DATE plus hours, minutes or seconds is a TIMESTAMP(6).
      if (!isDate(2)) return asArgumentType(2, added);
      if (DATE_UNITS.includes(unitName)) return asDate(added);
      return unitName === 'MILLISECOND' ? added : { kind: 'cast', arg: added, type: timestampType(6) };
    }
    case 'TIMESTAMPDIFF': {
      count(3);
      const [from, to] = [instantOrTimestamp(1), instantOrTimestamp(2)];
      // A TIMESTAMP against a TIMESTAMP_LTZ is the instant of its wall clock in the session zone, as in comparisons.
      const ltz = from.type.kind === 'TIMESTAMP_LTZ' || to.type.kind === 'TIMESTAMP_LTZ';
      const asInstant = (expr: Expr): Expr => (ltz && expr.type.kind !== 'TIMESTAMP_LTZ' ? { kind: 'cast', arg: expr, type: timestampLtz(3) } : expr);
      const unit = unitArg(0, DIFF_UNITS);
      // An INT (wrapping as Java's int), except NANOSECOND: a BIGINT, as in Flink.
      return call('timestamp-diff', [unit, asInstant(from), asInstant(to)], (unit as { value: string }).value === 'NANOSECOND' ? BIGINT : INT);
    }
    case 'DATE_FORMAT':
      count(2);
      return call('date-format', [wallClock(0), string(1)], STRING);
    case 'TO_TIMESTAMP':
      count(1, 2);
      return call('to-timestamp', node.args.map((_, i) => string(i)), TIMESTAMP3);
    case 'TO_TIMESTAMP_LTZ': {
      count(2);
      const epoch = typed(0, ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL'], BIGINT, 'a number');
      const precision = value(1);
      const digits = precision.expr.kind === 'literal' ? Number(precision.expr.value) : undefined;
      if (digits !== 0 && digits !== 3) {
        throw new PlanError(`Function 'TO_TIMESTAMP_LTZ' takes the precision 0 (epoch seconds) or 3 (epoch milliseconds) as argument 2`, {
          position: precision.position,
        });
      }
      return call('to-timestamp-ltz', [epoch, { kind: 'literal', value: digits, type: INT }], timestampLtz(3));
    }
    case 'TO_DATE':
      count(1, 2);
      return asDate(call('to-timestamp', [string(0), ...(node.args.length === 2 ? [string(1)] : [{ kind: 'literal', value: 'yyyy-MM-dd', type: STRING } as Expr])], TIMESTAMP3));
    // The wall clock when the row is evaluated, in the session time zone (NOW() is the instant).
    case 'CURRENT_DATE':
      count(0);
      return asDate(call('now', [], timestampLtz(3)));
    case 'CURRENT_TIME':
    case 'LOCALTIME':
      count(0);
      return { kind: 'cast', arg: call('now', [], timestampLtz(3)), type: time(0) };
    case 'UNIX_TIMESTAMP':
      count(0, 1, 2);
      return call('unix-timestamp', node.args.map((_, i) => string(i)), BIGINT);
    case 'FROM_UNIXTIME':
      count(1, 2);
      return call('from-unixtime', node.args.length === 2 ? [integer(0), string(1)] : [integer(0)], STRING);
    default:
      throw new PlanError(`No function named '${node.name.name}'`, { position });
  }
}

/**
 * CURRENT_WATERMARK(rowtime): the watermark in force before the row, in the rowtime's type (NULL before any
 * watermark), as Flink. The argument must be a rowtime attribute; the operator evaluating it supplies the
 * watermark, which only projections and filters (SELECT, WHERE) do yet.
 */
export function bindCurrentWatermark(args: readonly Expr[], clause: string | undefined, position: SourcePosition): Expr {
  if (args.length !== 1) throw new PlanError(`Function 'CURRENT_WATERMARK' takes 1 argument, got ${args.length}`, { position });
  const type = args[0]!.type;
  if (!isRowtime(type)) {
    throw new PlanError(`The argument of CURRENT_WATERMARK must be a rowtime attribute, not ${formatType(withoutRowtime(type))}`, { position });
  }
  if (clause !== 'SELECT' && clause !== 'WHERE') {
    throw new NotImplementedError(`CURRENT_WATERMARK ${clause === undefined ? 'here' : `in ${clause}`} is not supported yet (only in SELECT and WHERE)`, { position });
  }
  if ((type.kind === 'TIMESTAMP' || type.kind === 'TIMESTAMP_LTZ') && type.precision > 3) {
    throw new NotImplementedError(`CURRENT_WATERMARK of a rowtime of precision ${type.precision} is not supported yet`, { position });
  }
  return { kind: 'call', op: 'current-watermark', args: [], type: withoutRowtime(type) };
}
