/**
 * Precise timestamps: TIMESTAMP(p) and TIMESTAMP_LTZ(p) with p from 4 to 9. Their runtime values are bigints of
 * nanoseconds since 1970-01-01 00:00:00 (of the wall clock for TIMESTAMP, of UTC for TIMESTAMP_LTZ), so no micro- or
 * nanosecond is lost; p ≤ 3 keeps numbers of milliseconds (see `time.ts`), untouched and as fast as before.
 * A value holds at most p fraction digits: every cast to a smaller precision truncates, as Flink does.
 */
import { formatTimestamp, parseTimestamp } from './time.js';
import type { DataType } from './types.js';
import type { Value } from './values.js';

export const NANOS_PER_MILLI = 1_000_000n;

/** TIMESTAMP(p) or TIMESTAMP_LTZ(p) with p > 3: values are bigint nanoseconds. */
export function isPreciseTimestamp(type: DataType): boolean {
  return (type.kind === 'TIMESTAMP' || type.kind === 'TIMESTAMP_LTZ') && type.precision > 3;
}

/** The milliseconds of a nanosecond timestamp, rounded down (toward the past). */
export function nanosToMillis(nanos: bigint): number {
  const millis = nanos / NANOS_PER_MILLI;
  return Number(nanos < 0n && millis * NANOS_PER_MILLI !== nanos ? millis - 1n : millis);
}

/** The nanoseconds past the millisecond of a nanosecond timestamp: 0–999999. */
export function nanoOfMilli(nanos: bigint): number {
  const rest = nanos % NANOS_PER_MILLI;
  return Number(rest < 0n ? rest + NANOS_PER_MILLI : rest);
}

export function millisToNanos(millis: number): bigint {
  return BigInt(millis) * NANOS_PER_MILLI;
}

/** `nanos` without the fraction digits beyond `precision` (4–9), rounded down. */
export function truncateNanos(nanos: bigint, precision: number): bigint {
  if (precision >= 9) return nanos;
  const unit = 10n ** BigInt(9 - precision);
  const rest = nanos % unit;
  return nanos - (rest < 0n ? rest + unit : rest);
}

/** Milliseconds without the fraction digits beyond `precision` (0–3), rounded down. */
export function truncateMillis(millis: number, precision: number): number {
  if (precision >= 3) return millis;
  const unit = 10 ** (3 - precision);
  return millis - (((millis % unit) + unit) % unit);
}

/**
 * The conversion of a timestamp value of precision `from` to precision `to` (either representation), truncating
 * the digits `to` does not hold.
 */
export function rescaleTimestamp(from: number, to: number): (value: Value) => Value {
  if (from <= 3 && to <= 3) return to >= from ? (v) => v : (v) => truncateMillis(v as number, to);
  if (from <= 3) return (v) => millisToNanos(v as number);
  if (to <= 3) return (v) => truncateMillis(nanosToMillis(v as bigint), to);
  return to >= from ? (v) => v : (v) => truncateNanos(v as bigint, to);
}

/** The fraction digits of a timestamp text (`…:ss.123456`). */
const FRACTION = /\.(\d{1,9})\s*$/;

/** Parses `yyyy-MM-dd[ HH:mm[:ss[.fraction]]]` (up to nine fraction digits) to nanoseconds; undefined if malformed. */
export function parseTimestampNanos(text: string): bigint | undefined {
  const millis = parseTimestamp(text);
  if (millis === undefined) return undefined;
  const fraction = FRACTION.exec(text)?.[1] ?? '';
  return millisToNanos(millis) + BigInt(fraction.padEnd(9, '0').slice(3));
}

/** The nine fraction digits of a nanosecond timestamp. */
function fractionDigits(nanos: bigint): string {
  const millis = nanosToMillis(nanos);
  return String(((millis % 1000) + 1000) % 1000).padStart(3, '0') + String(nanoOfMilli(nanos)).padStart(6, '0');
}

/** `yyyy-MM-dd HH:mm:ss.fffffffff` with `precision` fraction digits (Flink's CAST to STRING). */
export function formatTimestampNanos(nanos: bigint, precision: number): string {
  const base = formatTimestamp(nanosToMillis(nanos), 0);
  return precision <= 0 ? base : `${base}.${fractionDigits(nanos).slice(0, precision)}`;
}

/**
 * Java's `LocalDateTime.toString()` (Flink's print form): `2020-01-01T10:00`, then `:ss` when seconds or a fraction
 * are set, then the fraction in groups of three digits: `.100`, `.123456`, `.000000001`.
 */
export function formatTimestampNanosIso(nanos: bigint): string {
  const text = formatTimestampNanos(nanos, 9);
  const fraction = text.slice(20);
  const seconds = text.slice(17, 19);
  let out = `${text.slice(0, 10)}T${text.slice(11, 16)}`;
  if (seconds === '00' && fraction === '000000000') return out;
  out += `:${seconds}`;
  if (fraction === '000000000') return out;
  const digits = fraction.endsWith('000000') ? 3 : fraction.endsWith('000') ? 6 : 9;
  return `${out}.${fraction.slice(0, digits)}`;
}

/** Java's `Instant.toString()` of a nanosecond instant (Flink's print form of TIMESTAMP_LTZ): `…T10:00:00.123456Z`. */
export function formatInstantNanosIso(nanos: bigint): string {
  const text = formatTimestampNanosIso(nanos);
  return text.length === 16 ? `${text}:00Z` : `${text}Z`;
}

/** Flink's JSON/CSV text of a TIMESTAMP_LTZ: the UTC wall clock, fraction digits only as needed, and `Z`. */
export function formatInstantNanosText(nanos: bigint): string {
  return `${formatTimestampNanos(nanos, 9).replace(/\.?0+$/, '')}Z`;
}

/** An ISO-8601 instant with `precision` fraction digits, `2020-01-01T10:00:00.123456Z` (the embedded API's TIMESTAMP_LTZ(p > 3)). */
export function instantIsoText(nanos: bigint, precision: number): string {
  return `${formatTimestampNanos(nanos, precision).replace(' ', 'T')}Z`;
}

/** The nanoseconds of an ISO instant text (`…T10:00:00.123456Z`, as `instantIsoText` writes); undefined if malformed. */
export function parseInstantIsoText(text: string): bigint | undefined {
  return text.endsWith('Z') ? parseTimestampNanos(text.slice(0, -1)) : undefined;
}

/** A shift of milliseconds (a time-zone conversion) applied to nanoseconds, keeping the part below the millisecond. */
export function shiftNanos(nanos: bigint, shift: (millis: number) => number): bigint {
  return millisToNanos(shift(nanosToMillis(nanos))) + BigInt(nanoOfMilli(nanos));
}
