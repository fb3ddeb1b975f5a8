/**
 * Conversion of loosely typed input values (JSON tokens, CSV text, objects given to the embedded API) to the
 * runtime representation of a SQL type (see `src/common/values.ts`). Failures are returned as a
 * `ConversionProblem`, not thrown, so callers can attach a location and decide whether to skip the record.
 */
import { fitsPrecision, parseDecimal, pow10 } from '../../common/decimal.js';
import { MILLIS_PER_DAY, parseDate, parseTime, parseTimestamp } from '../../common/time.js';
import { parseInstantText } from '../../common/time-zone.js';
import { millisToNanos, parseTimestampNanos, truncateNanos } from '../../common/precise-timestamp.js';
import { formatType, withoutRowtime, type DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';

/** A JSON number kept as its exact source text (produced by the lossless JSON parser). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** Why an input value could not be converted; `reason` reads after the value, e.g. `"abc" is not a number`. */
export class ConversionProblem {
  constructor(readonly reason: string) {}
}

export interface ConversionPolicy {
  /** Numbers are accepted as epoch milliseconds for TIMESTAMP (the embedded API); JSON numbers are not. */
  readonly epochMillisNumbers: boolean;
  /**
   * The input came from JSON.parse, which keeps no number's source text: a number read as STRING (or a container
   * holding one) is then a `SourceTextNeeded` problem, and the reader parses the line again losslessly. Flink gives
   * a JSON number read as STRING as written: `1.0`, `1e2`, `-0`.
   */
  readonly numbersWithoutText?: boolean;
}

/** See `ConversionPolicy.numbersWithoutText`: the value needs its source text (the lossless parser's). */
export class SourceTextNeeded extends ConversionProblem {}

/** Inclusive value ranges of the integer types that fit a JavaScript number. */
export const INTEGER_RANGES = {
  TINYINT: [-128, 127], SMALLINT: [-32768, 32767], INT: [-2147483648, 2147483647],
} as const satisfies Record<string, readonly [number, number]>;
const [INT_MIN, INT_MAX] = INTEGER_RANGES.INT;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(NaN|Infinity)\s*$/;

/**
 * `Cannot read field 'price' as DECIMAL(10, 2): "abc" is not a number`; `label` defaults to `field '<name>'`
 * (CSV passes `field 'price' (column 3)`).
 */
export function fieldProblemMessage(fieldName: string, type: DataType, problem: ConversionProblem, label = `field '${fieldName}'`): string {
  return `Cannot read ${label} as ${formatType(withoutRowtime(type))}: ${problem.reason}`;
}

/** A short display of an input value for error messages: strings quoted, others as written. */
export function describeInput(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  if (input instanceof JsonNumber) return input.text;
  if (input instanceof Date) return `Date(${Number.isNaN(input.getTime()) ? 'invalid' : input.toISOString()})`;
  if (typeof input === 'bigint') return `${input}n`;
  if (typeof input === 'object' && input !== null) {
    const text = looseToText(input);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }
  return String(input);
}

/** Text of a nested JSON value (objects and arrays as compact JSON, JSON numbers with their exact digits). */
export function looseToText(input: unknown): string {
  if (input instanceof JsonNumber) return input.text;
  if (input === null || input === undefined) return 'null';
  if (typeof input === 'string') return JSON.stringify(input);
  if (typeof input === 'bigint') return input.toString();
  if (input instanceof Date) return JSON.stringify(input.toISOString());
  if (Array.isArray(input)) return `[${input.map(looseToText).join(',')}]`;
  if (typeof input === 'object') {
    const entries = Object.entries(input as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}:${looseToText(v)}`);
    return `{${entries.join(',')}}`;
  }
  return String(input);
}

/** Whether a JSON.parse value is or holds a number (whose source text JSON.parse dropped). */
function holdsNumber(input: unknown): boolean {
  if (typeof input === 'number') return true;
  if (input === null || typeof input !== 'object') return false;
  return Object.values(input as Record<string, unknown>).some(holdsNumber);
}

function problem(input: unknown, reason: string): ConversionProblem {
  return new ConversionProblem(`${describeInput(input)} ${reason}`);
}

/** Converts `input` to a runtime value of `type`; null and undefined become NULL. */
export function convertValue(input: unknown, type: DataType, policy: ConversionPolicy): Value | ConversionProblem {
  if (input === null || input === undefined) return null;
  switch (type.kind) {
    case 'BOOLEAN': return toBoolean(input);
    case 'TINYINT': return toNarrowInt(input, ...INTEGER_RANGES.TINYINT, 'TINYINT');
    case 'SMALLINT': return toNarrowInt(input, ...INTEGER_RANGES.SMALLINT, 'SMALLINT');
    case 'INT': case 'INTERVAL_YEAR_MONTH': return toInt(input); // a year-month interval: a number of months
    case 'BIGINT': return toBigint(input);
    case 'FLOAT': { const value = toDouble(input); return typeof value === 'number' ? Math.fround(value) : value; }
    case 'DOUBLE': return toDouble(input);
    case 'DECIMAL': return toDecimal(input, type.precision, type.scale);
    case 'STRING': return toText(input, policy);
    case 'TIMESTAMP': return type.precision > 3 ? toPreciseTimestamp(input, type.precision, policy) : toTimestamp(input, policy);
    case 'TIMESTAMP_LTZ': return type.precision > 3 ? toPreciseInstant(input, type.precision, policy) : toInstant(input, type.precision, policy);
    case 'INTERVAL': return typeof input === 'number' && Number.isFinite(input) ? input : problem(input, 'is not a number of milliseconds');
    case 'NULL': return null;
    case 'BYTES': return toBytes(input);
    case 'DATE': return toDate(input, policy);
    case 'TIME': return toTime(input, type.precision);
    case 'ROW': return toRow(input, type, policy);
    case 'ARRAY': return toArray(input, type.element, policy);
    case 'MAP': return toMap(input, type, policy);
  }
}

/** DATE: `yyyy-MM-dd` text; a Date (its UTC day) or, from the embedded API, a number of days. */
function toDate(input: unknown, policy: ConversionPolicy): Value | ConversionProblem {
  if (typeof input === 'string') return parseDate(input) ?? problem(input, "is not a date (expected 'yyyy-MM-dd')");
  if (input instanceof Date && !Number.isNaN(input.getTime())) return Math.floor(input.getTime() / MILLIS_PER_DAY);
  if (policy.epochMillisNumbers && typeof input === 'number' && Number.isInteger(input)) return input;
  return problem(input, "is not a date (expected 'yyyy-MM-dd')");
}

/** TIME: `HH:mm[:ss[.SSS]]` text, cut to the type's precision. */
function toTime(input: unknown, precision: number): Value | ConversionProblem {
  const millis = typeof input === 'string' ? parseTime(input) : undefined;
  if (millis === undefined) return problem(input, "is not a time (expected 'HH:mm:ss[.SSS]')");
  const unit = 10 ** (3 - Math.min(precision, 3));
  return millis - (millis % unit);
}

/** BYTES: a Uint8Array (or Buffer) as it is; text as base64, as Flink's JSON and CSV formats write bytes. */
function toBytes(input: unknown): Value | ConversionProblem {
  if (input instanceof Uint8Array) return new Uint8Array(input);
  if (typeof input === 'string' && BASE64_TEXT.test(input)) return new Uint8Array(Buffer.from(input, 'base64'));
  return problem(input, 'is not base64-encoded bytes');
}

const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

function nestedProblem(path: string, inner: ConversionProblem): ConversionProblem {
  if (inner instanceof SourceTextNeeded) return inner;
  return new ConversionProblem(`${path}: ${inner.reason}`);
}

/** ROW from an object (fields by name, missing ones NULL) or an array (fields by position). */
function toRow(input: unknown, type: Extract<DataType, { kind: 'ROW' }>, policy: ConversionPolicy): Value | ConversionProblem {
  if (typeof input !== 'object' || input === null || input instanceof JsonNumber || input instanceof Date || input instanceof Map) {
    return problem(input, 'is not an object');
  }
  const byPosition = Array.isArray(input);
  const values: Value[] = [];
  for (let i = 0; i < type.fields.length; i++) {
    const field = type.fields[i]!;
    const raw = byPosition ? (input as unknown[])[i] : (input as Record<string, unknown>)[field.name];
    const value = convertValue(raw, field.type, policy);
    if (value instanceof ConversionProblem) return nestedProblem(`field '${field.name}'`, value);
    values.push(value);
  }
  return Object.freeze(values);
}

function toArray(input: unknown, element: DataType, policy: ConversionPolicy): Value | ConversionProblem {
  if (!Array.isArray(input)) return problem(input, 'is not an array');
  const values: Value[] = [];
  for (let i = 0; i < input.length; i++) {
    const value = convertValue(input[i], element, policy);
    if (value instanceof ConversionProblem) return nestedProblem(`element ${i + 1}`, value);
    values.push(value);
  }
  return Object.freeze(values);
}

/** MAP from a Map or an object (keys are then text, converted to the key type). */
function toMap(input: unknown, type: Extract<DataType, { kind: 'MAP' }>, policy: ConversionPolicy): Value | ConversionProblem {
  let entries: [unknown, unknown][];
  if (input instanceof Map) entries = [...input.entries()];
  else if (typeof input === 'object' && input !== null && !Array.isArray(input) && !(input instanceof JsonNumber) && !(input instanceof Date)) {
    entries = Object.entries(input as Record<string, unknown>);
  } else return problem(input, 'is not an object');
  const map = new Map<Value, Value>();
  for (const [rawKey, rawValue] of entries) {
    const key = convertValue(rawKey, type.key, policy);
    if (key instanceof ConversionProblem) return nestedProblem(`key ${describeInput(rawKey)}`, key);
    if (key === null) return problem(rawKey, 'is a NULL map key');
    const value = convertValue(rawValue, type.value, policy);
    if (value instanceof ConversionProblem) return nestedProblem(`value of key ${describeInput(rawKey)}`, value);
    map.set(key, value);
  }
  return map;
}

function textOf(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  if (input instanceof JsonNumber) return input.text;
  return undefined;
}

function toBoolean(input: unknown): Value | ConversionProblem {
  if (typeof input === 'boolean') return input;
  if (typeof input === 'string') {
    const normalized = input.trim().toLowerCase();
    if (normalized === 'true') return true;
    if (normalized === 'false') return false;
  }
  return problem(input, 'is not a boolean');
}

/** TINYINT/SMALLINT: an INT that must also fit the narrower range. */
function toNarrowInt(input: unknown, min: number, max: number, name: string): Value | ConversionProblem {
  const value = toInt(input);
  if (typeof value !== 'number') return value;
  return value < min || value > max ? problem(input, `is out of range for ${name}`) : value;
}

/**
 * A JSON number kept as text (the lossless parser's) that is not plain digits (`1e2`, `2.0`, `1.5e-300`) read as
 * JSON.parse reads it, so a value converts the same whichever parser took its line (`1e2` is the integer 100).
 */
function asParsedNumber(input: unknown): unknown {
  return input instanceof JsonNumber && !INTEGER_TEXT.test(input.text) ? Number(input.text) : input;
}

function toInt(raw: unknown): Value | ConversionProblem {
  const input = asParsedNumber(raw);
  let value: number;
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) return problem(input, 'is not an integer');
    value = input;
  } else if (typeof input === 'bigint') {
    if (input < BigInt(INT_MIN) || input > BigInt(INT_MAX)) return problem(input, 'is out of range for INT');
    value = Number(input);
  } else {
    const text = textOf(input);
    if (text === undefined || !INTEGER_TEXT.test(text)) return problem(input, 'is not an integer');
    value = Number(text);
  }
  if (value < INT_MIN || value > INT_MAX) return problem(input, 'is out of range for INT');
  return value === 0 ? 0 : value;
}

function toBigint(raw: unknown): Value | ConversionProblem {
  const input = asParsedNumber(raw);
  let value: bigint;
  if (typeof input === 'bigint') value = input;
  else if (typeof input === 'number') {
    if (!Number.isInteger(input)) return problem(input, 'is not an integer');
    value = BigInt(input);
  } else {
    const text = textOf(input);
    if (text === undefined || !INTEGER_TEXT.test(text)) return problem(input, 'is not an integer');
    value = BigInt(text.trim());
  }
  if (value < BIGINT_MIN || value > BIGINT_MAX) return problem(input, 'is out of range for BIGINT');
  return value;
}

function toDouble(input: unknown): Value | ConversionProblem {
  if (typeof input === 'number') return input;
  if (typeof input === 'bigint') return Number(input);
  const text = textOf(input);
  if (text === undefined || !NUMBER_TEXT.test(text)) return problem(input, 'is not a number');
  return Number(text);
}

function toDecimal(input: unknown, precision: number, scale: number): Value | ConversionProblem {
  let unscaled: bigint | undefined;
  if (typeof input === 'bigint') unscaled = input * pow10(scale);
  else if (typeof input === 'number') unscaled = Number.isFinite(input) ? parseDecimal(String(input), scale) : undefined;
  else {
    const text = textOf(input);
    unscaled = text === undefined ? undefined : parseDecimal(text, scale);
  }
  if (unscaled === undefined) return problem(input, 'is not a number');
  if (!fitsPrecision(unscaled, precision)) return problem(input, `does not fit DECIMAL(${precision}, ${scale})`);
  return unscaled;
}

function toText(input: unknown, policy: ConversionPolicy): Value | ConversionProblem {
  if (typeof input === 'string') return input;
  if (policy.numbersWithoutText && holdsNumber(input)) return new SourceTextNeeded(`${describeInput(input)} needs its source text`);
  if (input instanceof JsonNumber) return input.text;
  if (typeof input === 'number' || typeof input === 'boolean' || typeof input === 'bigint') return String(input);
  if (input instanceof Date) return input.toISOString();
  return looseToText(input);
}

/**
 * TIMESTAMP_LTZ: UTC text `yyyy-MM-dd HH:mm:ss[.SSS]Z`, as Flink's JSON and CSV formats read it; a Date or (embedded
 * API) epoch milliseconds; cut to the type's precision.
 */
function toInstant(input: unknown, precision: number, policy: ConversionPolicy): Value | ConversionProblem {
  const instant = typeof input === 'string' ? parseInstantText(input, parseTimestamp) : toTimestamp(input, policy);
  if (typeof instant !== 'number') {
    return instant instanceof ConversionProblem && typeof input !== 'string' ? instant
      : problem(input, "is not a TIMESTAMP_LTZ (expected 'yyyy-MM-dd HH:mm:ss[.SSS]Z', in UTC)");
  }
  const unit = 10 ** (3 - Math.min(precision, 3));
  return instant - (((instant % unit) + unit) % unit);
}

/**
 * TIMESTAMP(p), p 4–9: text with up to nine fraction digits, a Date or (the embedded API) a number of epoch
 * milliseconds or a bigint of epoch nanoseconds; cut to p digits.
 */
function toPreciseTimestamp(input: unknown, precision: number, policy: ConversionPolicy): Value | ConversionProblem {
  if (typeof input === 'string') {
    const nanos = parseTimestampNanos(input);
    return nanos === undefined ? problem(input, "is not a timestamp (expected 'yyyy-MM-dd HH:mm:ss[.fffffffff]')") : truncateNanos(nanos, precision);
  }
  if (policy.epochMillisNumbers && typeof input === 'bigint') return truncateNanos(input, precision);
  const millis = toTimestamp(input, policy);
  return typeof millis === 'number' ? millisToNanos(millis) : millis;
}

/** TIMESTAMP_LTZ(p), p 4–9: UTC text ending in `Z` with up to nine fraction digits, or as toPreciseTimestamp. */
function toPreciseInstant(input: unknown, precision: number, policy: ConversionPolicy): Value | ConversionProblem {
  if (typeof input !== 'string') return toPreciseTimestamp(input, precision, policy);
  const nanos = parseInstantText(input, parseTimestampNanos);
  return nanos === undefined ? problem(input, "is not a TIMESTAMP_LTZ (expected 'yyyy-MM-dd HH:mm:ss[.fffffffff]Z', in UTC)") : truncateNanos(nanos, precision);
}

function toTimestamp(input: unknown, policy: ConversionPolicy): Value | ConversionProblem {
  if (typeof input === 'string') {
    const millis = parseTimestamp(input);
    return millis === undefined ? problem(input, "is not a timestamp (expected 'yyyy-MM-dd HH:mm:ss[.SSS]')") : millis;
  }
  if (input instanceof Date) {
    const millis = input.getTime();
    return Number.isNaN(millis) ? problem(input, 'is an invalid Date') : millis;
  }
  if (policy.epochMillisNumbers && typeof input === 'number' && Number.isFinite(input)) return Math.trunc(input);
  return problem(input, "is not a timestamp (expected 'yyyy-MM-dd HH:mm:ss[.SSS]')");
}
