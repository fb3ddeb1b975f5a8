/**
 * CAST kernels, chosen once per expression from the source and target types. Numbers to INT/BIGINT truncate
 * toward zero (DOUBLE saturates like Java, BIGINT/DECIMAL wrap); to DECIMAL they round HALF_UP and become NULL
 * when the precision is exceeded. Strings are parsed after trimming; malformed text fails the job.
 */
import { dayTimeIntervalText, yearMonthIntervalText } from '../../common/interval-text.js';
import { javaDoubleText } from '../../common/java-text.js';
import { javaFloatText } from '../../common/java-float-text.js';
import { zoneCastFunction } from './zone-casts.js';
import { ExecutionError, InternalError } from '../../common/errors.js';
import { decimalToNumber, fitsPrecision, formatDecimal, parseDecimal, pow10, rescale } from '../../common/decimal.js';
import {
  formatDate, formatTime, formatTimestamp, MILLIS, MILLIS_PER_DAY, parseDate, parseTime, parseTimestamp,
} from '../../common/time.js';
import { valueText } from '../../common/nested-text.js';
import { STRING, TIMESTAMP3, formatType, type DataType } from '../../common/types.js';
import {
  formatTimestampNanos, millisToNanos, nanosToMillis, parseTimestampNanos, rescaleTimestamp, truncateMillis, truncateNanos,
} from '../../common/precise-timestamp.js';
import type { ArrayValue, MapValue, Value } from '../../common/values.js';

/** Converts one non-null value. */
export type CastFunction = (value: Value) => Value;

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const TRUE_TEXT = new Set(['t', 'true', 'y', 'yes', '1']);
const FALSE_TEXT = new Set(['f', 'false', 'n', 'no', '0']);
const INTEGER_TEXT = /^([+-]?\d+)(?:\.\d*)?$/;
const DOUBLE_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:NaN|Infinity)$/;

function cannotCast(value: Value, to: DataType): ExecutionError {
  return new ExecutionError(`Cannot cast '${String(value)}' to ${formatType(to)}`);
}

function checkedDecimal(unscaled: bigint, precision: number): bigint | null {
  return fitsPrecision(unscaled, precision) ? unscaled : null;
}

function doubleToInt(v: number): number {
  if (Number.isNaN(v)) return 0;
  return Math.trunc(Math.min(Math.max(v, INT_MIN), INT_MAX));
}

function doubleToLong(v: number): bigint {
  if (Number.isNaN(v)) return 0n;
  if (v >= 2 ** 63) return LONG_MAX;
  if (v <= -(2 ** 63)) return LONG_MIN;
  return BigInt(Math.trunc(v));
}

function parseInteger(text: string, min: bigint, max: bigint, to: DataType): bigint {
  const match = INTEGER_TEXT.exec(text.trim());
  if (!match) throw cannotCast(text, to);
  const value = BigInt(match[1] as string);
  if (value < min || value > max) throw cannotCast(text, to);
  return value;
}

const utf8 = new TextEncoder();

function toStringFunction(from: DataType): CastFunction {
  switch (from.kind) {
    case 'BOOLEAN': return (v) => (v ? 'TRUE' : 'FALSE');
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT': return (v) => String(v);
    case 'FLOAT': return (v) => javaFloatText(v as number); // Java's Float.toString: 1.1, 3.3000002
    case 'DOUBLE': return (v) => javaDoubleText(v as number); // as Flink: 1.0, 1.0E10, -2.5E-5
    case 'DECIMAL': return (v) => formatDecimal(v as bigint, from.scale);
    case 'STRING': return (v) => v;
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': // an LTZ in UTC (nested values)
      return from.precision > 3 ? (v) => formatTimestampNanos(v as bigint, from.precision) : (v) => formatTimestamp(v as number, from.precision);
    case 'INTERVAL': return (v) => dayTimeIntervalText(v as number); // +1 02:03:04.500
    case 'INTERVAL_YEAR_MONTH': return (v) => yearMonthIntervalText(v as number); // +1-02
    case 'DATE': return (v) => formatDate(v as number);
    case 'TIME': return (v) => formatTime(v as number, from.precision);
    case 'BYTES': case 'ROW': case 'ARRAY': case 'MAP': return (v) => valueText(v, from, castText);
    case 'NULL': return () => null;
  }
}

function fromStringFunction(to: DataType): CastFunction {
  switch (to.kind) {
    case 'BOOLEAN':
      return (v) => {
        const text = (v as string).trim().toLowerCase();
        if (TRUE_TEXT.has(text)) return true;
        if (FALSE_TEXT.has(text)) return false;
        throw cannotCast(v, to);
      };
    case 'TINYINT': return (v) => Number(parseInteger(v as string, -128n, 127n, to));
    case 'SMALLINT': return (v) => Number(parseInteger(v as string, -32768n, 32767n, to));
    case 'INT': return (v) => Number(parseInteger(v as string, BigInt(INT_MIN), BigInt(INT_MAX), to));
    case 'BIGINT': return (v) => parseInteger(v as string, LONG_MIN, LONG_MAX, to);
    case 'FLOAT':
    case 'DOUBLE': {
      const round = to.kind === 'FLOAT' ? Math.fround : (x: number): number => x;
      return (v) => {
        const text = (v as string).trim();
        if (!DOUBLE_TEXT.test(text)) throw cannotCast(v, to);
        return round(Number(text));
      };
    }
    case 'DECIMAL':
      return (v) => {
        const unscaled = parseDecimal(v as string, to.scale);
        if (unscaled === undefined) throw cannotCast(v, to);
        return checkedDecimal(unscaled, to.precision);
      };
    case 'BYTES': return (v) => utf8.encode(v as string);
    case 'DATE':
      return (v) => {
        const days = parseDate(v as string);
        if (days === undefined) throw cannotCast(v, to);
        return days;
      };
    case 'TIME':
      return (v) => {
        const millis = parseTime(v as string);
        if (millis === undefined) throw cannotCast(v, to);
        return truncateMillis(millis, to.precision);
      };
    case 'TIMESTAMP':
      if (to.precision > 3) {
        return (v) => {
          const nanos = parseTimestampNanos(v as string);
          if (nanos === undefined) throw cannotCast(v, to);
          return truncateNanos(nanos, to.precision);
        };
      }
      return (v) => {
        const millis = parseTimestamp(v as string);
        if (millis === undefined) throw cannotCast(v, to);
        return truncateMillis(millis, to.precision);
      };
    default:
      throw new InternalError(`No cast from STRING to ${to.kind}`);
  }
}

/** TINYINT and SMALLINT values are JavaScript numbers like INT's; casts to them narrow an INT like Java's (byte)/(short). */
const INT_TYPE: DataType = { kind: 'INT' };
const DOUBLE_TYPE: DataType = { kind: 'DOUBLE' };
const NARROW: Readonly<Record<string, (v: number) => number>> = {
  TINYINT: (v) => (v << 24) >> 24,
  SMALLINT: (v) => (v << 16) >> 16,
};

/**
 * FLOAT values are doubles that a float32 holds exactly: from FLOAT a cast is the DOUBLE one (as Java widens a float);
 * to FLOAT the value is converted to DOUBLE, then rounded to the nearest float32 (BIGINT directly, as Java does).
 */
function floatFunction(from: DataType, to: DataType): CastFunction | undefined {
  if (to.kind === 'FLOAT') {
    if (from.kind === 'FLOAT') return (v) => v;
    if (from.kind === 'BIGINT') return (v) => bigintToFloat(v as bigint);
    const toDouble = numericFunction(from, DOUBLE_TYPE);
    return toDouble && ((v) => Math.fround(toDouble(v) as number));
  }
  return numericFunction(DOUBLE_TYPE, to);
}

/** The float32 nearest a 64-bit integer (ties to even), without first rounding it to a double. */
function bigintToFloat(v: bigint): number {
  const magnitude = v < 0n ? -v : v;
  const bits = magnitude.toString(2).length;
  if (bits <= 24) return Number(v);
  const drop = BigInt(bits - 24);
  const unit = 1n << drop;
  let kept = magnitude >> drop;
  const rest = magnitude & (unit - 1n);
  const half = unit >> 1n;
  if (rest > half || (rest === half && (kept & 1n) === 1n)) kept++;
  const rounded = Number(kept << drop);
  return v < 0n ? -rounded : rounded;
}

function numericFunction(from: DataType, to: DataType): CastFunction | undefined {
  if (from.kind === 'FLOAT' || to.kind === 'FLOAT') return floatFunction(from, to);
  if (from.kind === 'TINYINT' || from.kind === 'SMALLINT') {
    if (to.kind === 'TINYINT' || to.kind === 'SMALLINT') {
      const narrow = NARROW[to.kind]!;
      return (v) => narrow(v as number);
    }
    return numericFunction(INT_TYPE, to);
  }
  if (to.kind === 'TINYINT' || to.kind === 'SMALLINT') {
    const toInt = numericFunction(from, INT_TYPE);
    if (!toInt) return undefined;
    const narrow = NARROW[to.kind]!;
    return (v) => narrow(toInt(v) as number);
  }
  switch (to.kind) {
    case 'INT':
      if (from.kind === 'INT') return (v) => v;
      if (from.kind === 'BIGINT') return (v) => Number(BigInt.asIntN(32, v as bigint));
      if (from.kind === 'DOUBLE') return (v) => doubleToInt(v as number);
      if (from.kind === 'DECIMAL') {
        const divisor = pow10(from.scale);
        return (v) => Number(BigInt.asIntN(32, (v as bigint) / divisor));
      }
      return undefined;
    case 'BIGINT':
      if (from.kind === 'INT') return (v) => BigInt(v as number);
      if (from.kind === 'BIGINT') return (v) => v;
      if (from.kind === 'DOUBLE') return (v) => doubleToLong(v as number);
      if (from.kind === 'DECIMAL') {
        const divisor = pow10(from.scale);
        return (v) => BigInt.asIntN(64, (v as bigint) / divisor);
      }
      return undefined;
    case 'DOUBLE':
      if (from.kind === 'INT' || from.kind === 'DOUBLE') return (v) => v;
      if (from.kind === 'BIGINT') return (v) => Number(v as bigint);
      if (from.kind === 'DECIMAL') return (v) => decimalToNumber(v as bigint, from.scale);
      return undefined;
    case 'DECIMAL': {
      const { precision, scale } = to;
      if (from.kind === 'INT' || from.kind === 'BIGINT') {
        const factor = pow10(scale);
        return (v) => checkedDecimal(BigInt(v as number | bigint) * factor, precision);
      }
      if (from.kind === 'DOUBLE') {
        return (v) => {
          const d = v as number;
          if (!Number.isFinite(d)) return null;
          return checkedDecimal(parseDecimal(String(d), scale) as bigint, precision);
        };
      }
      if (from.kind === 'DECIMAL') return (v) => checkedDecimal(rescale(v as bigint, from.scale, scale), precision);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** To VARCHAR(n): at most n characters (code points); to CHAR(n) (`fixed`): also padded with spaces to n, as Flink. */
function truncateString(length: number, fixed = false): CastFunction {
  return (v) => {
    const text = v as string;
    if (!fixed && text.length <= length) return text;
    const codePoints = Array.from(text);
    if (codePoints.length > length) return codePoints.slice(0, length).join('');
    return fixed ? text + ' '.repeat(length - codePoints.length) : text;
  };
}

/** The conversion of non-null values of type `from` to type `to`; InternalError if the binder should have refused it. */
export function castFunction(from: DataType, to: DataType, zone = 'UTC'): CastFunction {
  if (from.kind === 'NULL') return () => null;
  if (from.kind === 'TIMESTAMP_LTZ' || to.kind === 'TIMESTAMP_LTZ') {
    const zoned = zoneCastFunction(from, to, zone);
    if (zoned === undefined) throw new InternalError(`No cast from ${formatType(from)} to ${formatType(to)}`);
    if (to.kind !== 'STRING' || to.length === undefined) return zoned;
    const truncate = truncateString(to.length, to.fixed);
    return (v) => truncate(zoned(v) as string);
  }
  if (to.kind === 'STRING') {
    const format = toStringFunction(from);
    if (to.length === undefined) return format;
    const truncate = truncateString(to.length, to.fixed);
    return (v) => truncate(format(v));
  }
  if (from.kind === 'STRING') return fromStringFunction(to);
  const numeric = numericFunction(from, to);
  if (numeric) return numeric;
  if (from.kind === 'TIMESTAMP' && to.kind === 'TIMESTAMP') return rescaleTimestamp(from.precision, to.precision);
  const temporal = temporalFunction(from, to);
  if (temporal) return temporal;
  if (from.kind === 'ROW' && to.kind === 'ROW' && from.fields.length === to.fields.length) {
    const casts = from.fields.map((f, i) => nullSafe(castFunction(f.type, to.fields[i]!.type)));
    return (v) => Object.freeze((v as ArrayValue).map((x, i) => casts[i]!(x)));
  }
  if (from.kind === 'ARRAY' && to.kind === 'ARRAY') {
    const cast = nullSafe(castFunction(from.element, to.element));
    return (v) => Object.freeze((v as ArrayValue).map(cast));
  }
  if (from.kind === 'MAP' && to.kind === 'MAP') {
    const key = nullSafe(castFunction(from.key, to.key));
    const value = nullSafe(castFunction(from.value, to.value));
    return (v) => new Map([...(v as MapValue)].map(([k, x]) => [key(k), value(x)]));
  }
  if (from.kind === to.kind) return (v) => v;
  throw new InternalError(`No cast from ${formatType(from)} to ${formatType(to)}`);
}

/**
 * Between TIMESTAMP, DATE and TIME: a date is its midnight; a timestamp's date and time of day are cut from it. A
 * precise timestamp goes through its milliseconds (TIME holds milliseconds, as Flink's does).
 */
function temporalFunction(from: DataType, to: DataType): CastFunction | undefined {
  if (from.kind === 'TIMESTAMP' && from.precision > 3 && (to.kind === 'DATE' || to.kind === 'TIME')) {
    const cast = temporalFunction(TIMESTAMP3, to)!;
    return (v) => cast(nanosToMillis(v as bigint));
  }
  if (to.kind === 'TIMESTAMP' && to.precision > 3 && (from.kind === 'DATE' || from.kind === 'TIME')) {
    const cast = temporalFunction(from, TIMESTAMP3)!;
    return (v) => millisToNanos(cast(v) as number);
  }
  const dayOf = (millis: number): number => Math.floor(millis / MILLIS_PER_DAY);
  if (from.kind === 'TIMESTAMP' && to.kind === 'DATE') return (v) => dayOf(v as number);
  if (from.kind === 'TIMESTAMP' && to.kind === 'TIME') return (v) => truncateMillis((v as number) - dayOf(v as number) * MILLIS_PER_DAY, to.precision);
  if (from.kind === 'DATE' && to.kind === 'TIMESTAMP') return (v) => (v as number) * MILLIS_PER_DAY;
  if (from.kind === 'TIME' && to.kind === 'TIMESTAMP') return (v) => v; // that time on 1970-01-01 (EXTRACT reads it so)
  if (from.kind === 'TIME' && to.kind === 'TIME') return (v) => truncateMillis(v as number, to.precision);
  return undefined;
}

function nullSafe(cast: CastFunction): CastFunction {
  return (v) => (v === null ? null : cast(v));
}

/** A scalar inside a nested value, as CAST(… AS STRING) writes it. */
function castText(value: Value, type: DataType): string {
  return castFunction(type, STRING)(value) as string;
}
