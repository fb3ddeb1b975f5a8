/**
 * Implicit conversions and result types. Numerics widen TINYINT < SMALLINT < INT < BIGINT < DECIMAL < DOUBLE (TINYINT as DECIMAL(3, 0), SMALLINT as DECIMAL(5, 0), INT as DECIMAL(10, 0),
 * BIGINT as DECIMAL(19, 0)); FLOAT with an integer type is a FLOAT, FLOAT with DECIMAL or DOUBLE a DOUBLE (Flink's
 * type inference: `f + 1` is FLOAT, `f + 1.5` is DOUBLE);
 * DECIMAL result types follow Flink's (Calcite's) rules, reduced to 38 digits while
 * keeping at least 6 fraction digits when possible.
 */
import {
  BIGINT, BYTES, DOUBLE, FLOAT, MAX_DECIMAL_PRECISION, arrayType, isInterval, isNested, isNumeric, mapType, rowType, sameType, withoutRowtime, type DataType,
} from '../../common/types.js';
import { parseDate, parseTime, parseTimestamp } from '../../common/time.js';
import { parseTimestampNanos, truncateNanos } from '../../common/precise-timestamp.js';
import { fitsPrecision, pow10, decimalToNumber } from '../../common/decimal.js';
import { literalExpr, type Expr, type LiteralExpr } from '../../dataflow/expr.js';

type DecimalType = Extract<DataType, { kind: 'DECIMAL' }>;
type NumericKind = 'TINYINT' | 'SMALLINT' | 'INT' | 'BIGINT' | 'DECIMAL' | 'FLOAT' | 'DOUBLE';

const NUMERIC_RANK: Readonly<Record<NumericKind, number>> = { TINYINT: -2, SMALLINT: -1, INT: 0, BIGINT: 1, DECIMAL: 2, FLOAT: 2.5, DOUBLE: 3 };

/** The DECIMAL that holds every value of an exact numeric type (INT → DECIMAL(10, 0), BIGINT → DECIMAL(19, 0)). */
export function asDecimalType(type: DataType): DecimalType {
  switch (type.kind) {
    case 'DECIMAL': return type;
    case 'TINYINT': return { kind: 'DECIMAL', precision: 3, scale: 0 };
    case 'SMALLINT': return { kind: 'DECIMAL', precision: 5, scale: 0 };
    case 'INT': return { kind: 'DECIMAL', precision: 10, scale: 0 };
    case 'BIGINT': return { kind: 'DECIMAL', precision: 19, scale: 0 };
    default: return { kind: 'DECIMAL', precision: MAX_DECIMAL_PRECISION, scale: 0 };
  }
}

/** Caps a DECIMAL type at 38 digits, giving up fraction digits first but keeping min(scale, 6) of them. */
export function adjustDecimal(precision: number, scale: number): DecimalType {
  if (precision <= MAX_DECIMAL_PRECISION) return { kind: 'DECIMAL', precision, scale };
  const integerDigits = precision - scale;
  const adjustedScale = Math.max(MAX_DECIMAL_PRECISION - integerDigits, Math.min(scale, 6));
  return { kind: 'DECIMAL', precision: MAX_DECIMAL_PRECISION, scale: adjustedScale };
}

export type ArithmeticOp = 'add' | 'subtract' | 'multiply' | 'divide' | 'modulo';

/** Result type of a DECIMAL operation (Flink's LogicalTypeMerging rules). */
export function decimalResultType(op: ArithmeticOp, a: DecimalType, b: DecimalType): DecimalType {
  const { precision: p1, scale: s1 } = a;
  const { precision: p2, scale: s2 } = b;
  switch (op) {
    case 'add':
    case 'subtract': {
      const s = Math.max(s1, s2);
      return adjustDecimal(Math.max(p1 - s1, p2 - s2) + s + 1, s);
    }
    case 'multiply':
      return adjustDecimal(p1 + p2 + 1, s1 + s2); // Flink adds one digit (LogicalTypeMerging.findMultiplicationDecimalType)
    case 'divide': {
      const s = Math.max(6, s1 + p2 + 1);
      return adjustDecimal(p1 - s1 + s2 + s, s);
    }
    case 'modulo': {
      const s = Math.max(s1, s2);
      return adjustDecimal(Math.min(p1 - s1, p2 - s2) + s, s);
    }
  }
}

/**
 * The kind both operands of a numeric operation (arithmetic, comparison) are brought to. As in Flink (Calcite's
 * leastRestrictive, where FLOAT and DOUBLE have the same precision), FLOAT op DOUBLE is done in FLOAT but
 * DOUBLE op FLOAT in DOUBLE: the first operand's type wins.
 */
export function widerNumericKind(a: DataType, b: DataType): NumericKind | undefined {
  if (!isNumeric(a) || !isNumeric(b)) return undefined;
  const ka = a.kind as NumericKind;
  const kb = b.kind as NumericKind;
  if ((ka === 'FLOAT' && kb === 'DECIMAL') || (ka === 'DECIMAL' && kb === 'FLOAT')) return 'DOUBLE';
  if (ka === 'FLOAT' && kb === 'DOUBLE') return 'FLOAT';
  return NUMERIC_RANK[ka] >= NUMERIC_RANK[kb] ? ka : kb;
}

/** The smallest DECIMAL holding both types' values (reduced to 38 digits). */
function commonDecimal(a: DataType, b: DataType): DecimalType {
  const da = asDecimalType(a);
  const db = asDecimalType(b);
  const scale = Math.max(da.scale, db.scale);
  return adjustDecimal(Math.max(da.precision - da.scale, db.precision - db.scale) + scale, scale);
}

/**
 * The type two values can both be converted to (CASE branches, comparison operands), or undefined. NULL goes with
 * anything; the rowtime mark is dropped.
 */
export function commonType(a: DataType, b: DataType): DataType | undefined {
  if (a.kind === 'NULL') return withoutRowtime(b);
  if (b.kind === 'NULL') return withoutRowtime(a);
  const numeric = a.kind === 'FLOAT' && b.kind === 'DOUBLE' ? 'DOUBLE' : widerNumericKind(a, b);
  if (numeric !== undefined) {
    if (numeric === 'DECIMAL') return commonDecimal(a, b);
    return { kind: numeric };
  }
  // A DATE meets a TIMESTAMP as its midnight (Flink compares them so).
  if ((a.kind === 'DATE' && b.kind === 'TIMESTAMP') || (a.kind === 'TIMESTAMP' && b.kind === 'DATE')) {
    return withoutRowtime(a.kind === 'TIMESTAMP' ? a : b);
  }
  if (a.kind !== b.kind) return undefined;
  if (a.kind === 'TIME' && b.kind === 'TIME') return { kind: 'TIME', precision: Math.max(a.precision, b.precision) };
  if (a.kind === 'TIMESTAMP' && b.kind === 'TIMESTAMP') {
    return { kind: 'TIMESTAMP', precision: Math.max(a.precision, b.precision) };
  }
  if (a.kind === 'TIMESTAMP_LTZ' && b.kind === 'TIMESTAMP_LTZ') {
    return { kind: 'TIMESTAMP_LTZ', precision: Math.max(a.precision, b.precision) };
  }
  if (a.kind === 'STRING' && b.kind === 'STRING') {
    return a.length !== undefined && b.length !== undefined ? { kind: 'STRING', length: Math.max(a.length, b.length) } : { kind: 'STRING' };
  }
  if (a.kind === 'BYTES' && b.kind === 'BYTES') return a.length === b.length ? a : BYTES;
  if (a.kind === 'ARRAY' && b.kind === 'ARRAY') {
    const element = commonType(a.element, b.element);
    return element === undefined ? undefined : arrayType(element);
  }
  if (a.kind === 'MAP' && b.kind === 'MAP') {
    const key = commonType(a.key, b.key);
    const value = commonType(a.value, b.value);
    return key === undefined || value === undefined ? undefined : mapType(key, value);
  }
  if (a.kind === 'ROW' && b.kind === 'ROW') {
    if (a.fields.length !== b.fields.length) return undefined;
    const types = a.fields.map((f, i) => commonType(f.type, b.fields[i]!.type));
    if (types.some((t) => t === undefined)) return undefined;
    return rowType(a.fields.map((f, i) => ({ name: f.name, type: types[i]! })));
  }
  return a;
}

/** CASE branches: as commonType, except that a FLOAT branch before a DOUBLE one makes the CASE a FLOAT (as Flink). */
export function leastRestrictiveType(a: DataType, b: DataType): DataType | undefined {
  return a.kind === 'FLOAT' && b.kind === 'DOUBLE' ? a : commonType(a, b);
}

/** Whether CAST(from AS to) is allowed. */
export function canCast(from: DataType, to: DataType): boolean {
  if (from.kind === 'NULL' || sameType(from, to)) return true;
  if (from.kind === 'ARRAY' && to.kind === 'ARRAY') return canCast(from.element, to.element);
  if (from.kind === 'MAP' && to.kind === 'MAP') return canCast(from.key, to.key) && canCast(from.value, to.value);
  if (from.kind === 'ROW' && to.kind === 'ROW') {
    return from.fields.length === to.fields.length && from.fields.every((f, i) => canCast(f.type, to.fields[i]!.type));
  }
  if (from.kind === to.kind) return true;
  if (isNumeric(from) && isNumeric(to)) return true;
  if (to.kind === 'STRING') return true;
  if (from.kind === 'STRING') return !isInterval(to) && to.kind !== 'NULL' && !isNested(to);
  if (from.kind === 'TIMESTAMP') return to.kind === 'DATE' || to.kind === 'TIME' || to.kind === 'TIMESTAMP_LTZ';
  if (from.kind === 'TIMESTAMP_LTZ') return to.kind === 'DATE' || to.kind === 'TIME' || to.kind === 'TIMESTAMP';
  if (from.kind === 'DATE') return to.kind === 'TIMESTAMP' || to.kind === 'TIMESTAMP_LTZ';
  return false;
}

/** Converts a literal at plan time when the conversion is exact and cannot fail; undefined otherwise. */
function convertLiteral(value: LiteralExpr, to: DataType): Expr | undefined {
  const from = value.type;
  const v = value.value;
  if (v === null) return literalExpr(null, withoutRowtime(to));
  if (to.kind === 'DOUBLE') {
    if (typeof v === 'number' && (from.kind === 'INT' || from.kind === 'FLOAT' || from.kind === 'DOUBLE')) return literalExpr(v, DOUBLE);
    if (typeof v === 'bigint' && from.kind === 'BIGINT') return literalExpr(Number(v), DOUBLE);
    if (typeof v === 'bigint' && from.kind === 'DECIMAL') return literalExpr(decimalToNumber(v, from.scale), DOUBLE);
  }
  if (to.kind === 'FLOAT' && typeof v === 'number' && (from.kind === 'INT' || from.kind === 'TINYINT' || from.kind === 'SMALLINT')) {
    return literalExpr(Math.fround(v), FLOAT);
  }
  if (to.kind === 'BIGINT' && from.kind === 'INT' && typeof v === 'number') return literalExpr(BigInt(v), BIGINT);
  if (to.kind === 'DECIMAL') {
    let unscaled: bigint | undefined;
    if ((from.kind === 'INT' || from.kind === 'BIGINT') && (typeof v === 'number' || typeof v === 'bigint')) {
      unscaled = BigInt(v) * pow10(to.scale);
    } else if (from.kind === 'DECIMAL' && typeof v === 'bigint' && to.scale >= from.scale) {
      unscaled = v * pow10(to.scale - from.scale);
    }
    if (unscaled !== undefined && fitsPrecision(unscaled, to.precision)) return literalExpr(unscaled, to);
  }
  if (to.kind === 'DATE' && from.kind === 'STRING' && typeof v === 'string') {
    const days = parseDate(v);
    if (days !== undefined) return literalExpr(days, to);
  }
  if (to.kind === 'TIME' && from.kind === 'STRING' && typeof v === 'string') {
    const millis = parseTime(v);
    const unit = 10 ** (3 - Math.min(to.precision, 3)); // TIME keeps milliseconds whatever its precision
    if (millis !== undefined) return literalExpr(millis - (millis % unit), to);
  }
  if (to.kind === 'TIMESTAMP' && to.precision > 3 && from.kind === 'STRING' && typeof v === 'string') {
    const nanos = parseTimestampNanos(v);
    if (nanos !== undefined) return literalExpr(truncateNanos(nanos, to.precision), withoutRowtime(to));
  }
  if (to.kind === 'TIMESTAMP' && to.precision <= 3 && from.kind === 'STRING' && typeof v === 'string') {
    const millis = parseTimestamp(v);
    const unit = 10 ** (3 - to.precision);
    if (millis !== undefined) return literalExpr(millis - (((millis % unit) + unit) % unit), withoutRowtime(to));
  }
  return undefined;
}

/**
 * `expr` converted to `to`: itself if the type is already the same, a converted literal when that is exact, or a
 * CAST. The caller has checked that the conversion is allowed.
 */
export function coerce(expr: Expr, to: DataType): Expr {
  if (sameType(expr.type, to)) return expr;
  if (expr.kind === 'literal') {
    const converted = convertLiteral(expr, to);
    if (converted) return converted;
  }
  return { kind: 'cast', arg: expr, type: withoutRowtime(to) };
}

/** `type` widened to the numeric kind `kind` (DECIMALs keep their own precision and scale). */
export function widenTo(kind: NumericKind, type: DataType): DataType {
  switch (kind) {
    case 'TINYINT': case 'SMALLINT': case 'INT': return { kind };
    case 'BIGINT': return BIGINT;
    case 'FLOAT': return FLOAT;
    case 'DOUBLE': return DOUBLE;
    case 'DECIMAL': return type.kind === 'DECIMAL' ? type : asDecimalType(type);
  }
}
