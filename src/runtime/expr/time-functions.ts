/**
 * Date and time functions over TIMESTAMP values (wall-clock milliseconds, computed in UTC: no zone, no DST; see
 * common/time.ts; a precise timestamp's bigint nanoseconds for EXTRACT and DATE_FORMAT). Units are SQL's: NANOSECOND … YEAR, plus QUARTER, WEEK (ISO, Monday first), DOW (1 = Sunday, as
 * Flink), DOY. Formats are Java's DateTimeFormatter letters Flink uses: yyyy, yy, MM, M, dd, d, HH, H, hh, mm, ss,
 * S… (the fraction, one to nine digits), a, with 'quoted' literal text.
 */
import { ExecutionError } from '../../common/errors.js';
import { MILLIS, parseTimestamp } from '../../common/time.js';
import type { DataType } from '../../common/types.js';
import { millisToNanos, nanoOfMilli, nanosToMillis } from '../../common/precise-timestamp.js';
import type { Value } from '../../common/values.js';

export type TimeUnit = 'NANOSECOND' | 'MICROSECOND' | 'MILLISECOND' | 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR' | 'DOW' | 'DOY';

/** The nine fraction digits of a timestamp in milliseconds (a number) or nanoseconds (a precise timestamp's bigint). */
function fractionOfSecond(value: number | bigint): string {
  const millis = typeof value === 'bigint' ? nanosToMillis(value) : value;
  const micros = typeof value === 'bigint' ? nanoOfMilli(value) : 0;
  return String(mod(millis, MILLIS.second)).padStart(3, '0') + String(micros).padStart(6, '0');
}

/** EXTRACT(unit FROM ts) of wall-clock milliseconds or (a precise timestamp) nanoseconds. */
export function extract(unit: TimeUnit, value: number | bigint): bigint {
  const millis = typeof value === 'bigint' ? nanosToMillis(value) : value;
  const date = new Date(millis);
  switch (unit) {
    // The fraction of the second in these units, as Flink 1.20 (the seconds do not count: 10:00:05.123 has 123 ms).
    case 'NANOSECOND': return BigInt(fractionOfSecond(value));
    case 'MICROSECOND': return BigInt(fractionOfSecond(value).slice(0, 6));
    case 'MILLISECOND': return BigInt(date.getUTCMilliseconds());
    case 'SECOND': return BigInt(date.getUTCSeconds());
    case 'MINUTE': return BigInt(date.getUTCMinutes());
    case 'HOUR': return BigInt(date.getUTCHours());
    case 'DAY': return BigInt(date.getUTCDate());
    case 'MONTH': return BigInt(date.getUTCMonth() + 1);
    case 'QUARTER': return BigInt(Math.floor(date.getUTCMonth() / 3) + 1);
    case 'YEAR': return BigInt(date.getUTCFullYear());
    case 'DOW': return BigInt(date.getUTCDay() + 1);
    case 'DOY': return BigInt(Math.floor((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 1)) / MILLIS.day) + 1);
    case 'WEEK': return BigInt(isoWeek(date));
  }
}

/** The ISO-8601 week of the year (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeek(date: Date): number {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return Math.ceil(((day.getTime() - yearStart) / MILLIS.day + 1) / 7);
}

/** FLOOR(ts TO unit) / CEIL(ts TO unit). */
export function roundTimestamp(millis: number, unit: TimeUnit, up: boolean): number {
  const date = new Date(millis);
  let floor: number;
  switch (unit) {
    case 'MILLISECOND': return millis;
    case 'SECOND': floor = millis - mod(millis, MILLIS.second); break;
    case 'MINUTE': floor = millis - mod(millis, MILLIS.minute); break;
    case 'HOUR': floor = millis - mod(millis, MILLIS.hour); break;
    case 'DAY': floor = millis - mod(millis, MILLIS.day); break;
    case 'WEEK': {
      const day = millis - mod(millis, MILLIS.day);
      floor = day - date.getUTCDay() * MILLIS.day; // back to Sunday: Calcite's (so Flink's) weeks start on Sunday
      break;
    }
    case 'MONTH': floor = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1); break;
    case 'QUARTER': floor = Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3, 1); break;
    case 'YEAR': floor = Date.UTC(date.getUTCFullYear(), 0, 1); break;
    default: throw new ExecutionError(`Cannot round a TIMESTAMP to ${unit}`);
  }
  if (!up || floor === millis) return floor;
  return addUnits(floor, unit, 1);
}

/**
 * FLOOR / CEIL of a precise timestamp (bigint nanoseconds), as Flink 1.20 computes it: on the timestamp's millisecond,
 * so the result is a whole millisecond and only CEIL(… TO MILLISECOND) looks at the finer digits (10:00:05.000000500
 * rounds up to 10:00:05.001 there, but stays 10:00:05 under CEIL(… TO SECOND), as in Flink).
 */
export function roundPreciseTimestamp(nanos: bigint, unit: TimeUnit, up: boolean): bigint {
  const millis = nanosToMillis(nanos);
  if (unit === 'MILLISECOND') return millisToNanos(up && nanoOfMilli(nanos) > 0 ? millis + 1 : millis);
  return millisToNanos(roundTimestamp(millis, unit, up));
}

/** TIMESTAMPADD(unit, n, ts) of a precise timestamp: the digits below the millisecond are kept, as in Flink. */
export function addUnitsPrecise(nanos: bigint, unit: TimeUnit, amount: number): bigint {
  return millisToNanos(addUnits(nanosToMillis(nanos), unit, amount)) + BigInt(nanoOfMilli(nanos));
}

/** TIMESTAMPADD(unit, n, ts). */
export function addUnits(millis: number, unit: TimeUnit, amount: number): number {
  switch (unit) {
    case 'MILLISECOND': return millis + amount;
    case 'SECOND': return millis + amount * MILLIS.second;
    case 'MINUTE': return millis + amount * MILLIS.minute;
    case 'HOUR': return millis + amount * MILLIS.hour;
    case 'DAY': return millis + amount * MILLIS.day;
    case 'WEEK': return millis + amount * 7 * MILLIS.day;
    case 'MONTH': return addMonths(millis, amount);
    case 'QUARTER': return addMonths(millis, 3 * amount);
    case 'YEAR': return addMonths(millis, 12 * amount);
    default: throw new ExecutionError(`Cannot add ${unit} to a TIMESTAMP`);
  }
}

/** Adds months, clamping the day to the end of the target month (2024-01-31 + 1 month = 2024-02-29), as Java. */
function addMonths(millis: number, months: number): number {
  const date = new Date(millis);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const timeOfDay = mod(millis, MILLIS.day);
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) + timeOfDay;
}

/**
 * TIMESTAMPDIFF(unit, a, b) of two millisecond timestamps: whole units from a to b, truncated toward zero. Micro- and
 * nanoseconds are the whole seconds between them times 10^6 or 10^9, as Calcite's convertlet has Flink compute them
 * (10:00:05 to 10:00:05.123 is 0 microseconds there). NANOSECOND is a BIGINT; the caller wraps INT results.
 */
export function diffUnits(unit: TimeUnit, from: number, to: number): number | bigint {
  switch (unit) {
    case 'NANOSECOND': return BigInt(Math.trunc((to - from) / MILLIS.second)) * 1_000_000_000n;
    case 'MICROSECOND': return Math.trunc((to - from) / MILLIS.second) * 1_000_000;
    case 'MILLISECOND': return to - from;
    case 'SECOND': return Math.trunc((to - from) / MILLIS.second);
    case 'MINUTE': return Math.trunc((to - from) / MILLIS.minute);
    case 'HOUR': return Math.trunc((to - from) / MILLIS.hour);
    case 'DAY': return Math.trunc((to - from) / MILLIS.day);
    case 'WEEK': return Math.trunc((to - from) / (7 * MILLIS.day));
    case 'MONTH': return monthsBetween(from, to);
    case 'QUARTER': return Math.trunc(monthsBetween(from, to) / 3);
    case 'YEAR': return Math.trunc(monthsBetween(from, to) / 12);
    default: throw new ExecutionError(`TIMESTAMPDIFF does not take ${unit}`);
  }
}

/**
 * TIMESTAMPDIFF(MONTH, from, to) as Calcite's (so Flink's) DateTimeUtils.subtractMonths(to, from): whole months
 * between the two dates (adding months clamps the day to the month's end, so 2024-01-31 to 2024-02-29 is one
 * month), one less when `to` falls on the date those months reach but earlier in the day. As there, the correction
 * applies to negative counts too: 2024-03-31 10:00 to 2024-02-29 09:00 is −2 months.
 */
function monthsBetween(from: number, to: number): number {
  const fromTime = mod(from, MILLIS.day);
  const toTime = mod(to, MILLIS.day);
  const fromDay = from - fromTime;
  const toDay = to - toTime;
  const months = monthsBetweenDates(toDay, fromDay);
  return addMonths(fromDay, months) === toDay && toTime < fromTime ? months - 1 : months;
}

/** Calcite's subtractMonths of two dates (midnights): the most months from `earlier` not passing `later`. */
function monthsBetweenDates(later: number, earlier: number): number {
  if (later < earlier) return -monthsBetweenDates(earlier, later);
  // No month has more than 31 days, so this estimate is at most the answer.
  let months = Math.floor((later - earlier) / (31 * MILLIS.day));
  while (addMonths(earlier, months) < later && addMonths(earlier, months + 1) <= later) months++;
  return months;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

const FORMAT_TOKEN = /'([^']*)'|yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|S{1,9}|a|[^'yMdHhmsSa]+|./g;

/**
 * DATE_FORMAT / FROM_UNIXTIME: formats wall-clock milliseconds (or a precise timestamp's nanoseconds) with a Java
 * pattern; `S…` is the fraction of the second cut to as many digits (`SSSSSS`: microseconds).
 */
export function formatWith(value: number | bigint, pattern: string): string {
  const date = new Date(typeof value === 'bigint' ? nanosToMillis(value) : value);
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return pattern.replace(FORMAT_TOKEN, (token, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted === '' ? "'" : quoted;
    switch (token) {
      case 'yyyy': return pad(date.getUTCFullYear(), 4);
      case 'yy': return pad(date.getUTCFullYear() % 100, 2);
      case 'MM': return pad(date.getUTCMonth() + 1, 2);
      case 'M': return String(date.getUTCMonth() + 1);
      case 'dd': return pad(date.getUTCDate(), 2);
      case 'd': return String(date.getUTCDate());
      case 'HH': return pad(date.getUTCHours(), 2);
      case 'H': return String(date.getUTCHours());
      case 'hh': return pad(date.getUTCHours() % 12 || 12, 2);
      case 'h': return String(date.getUTCHours() % 12 || 12);
      case 'mm': return pad(date.getUTCMinutes(), 2);
      case 'm': return String(date.getUTCMinutes());
      case 'ss': return pad(date.getUTCSeconds(), 2);
      case 's': return String(date.getUTCSeconds());
      case 'a': return date.getUTCHours() < 12 ? 'AM' : 'PM';
      default: return token.startsWith('S') ? fractionOfSecond(value).slice(0, token.length) : token;
    }
  });
}

/**
 * TO_TIMESTAMP / UNIX_TIMESTAMP: parses text with a Java pattern (default `yyyy-MM-dd HH:mm:ss`); NULL when the text
 * does not match, as Flink returns NULL for unparsable input.
 */
export function parseWith(text: string, pattern: string | undefined): number | null {
  if (pattern === undefined || pattern === 'yyyy-MM-dd HH:mm:ss' || pattern === 'yyyy-MM-dd HH:mm:ss.SSS') return parseTimestamp(text) ?? null;
  const fields: Record<string, number> = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0 };
  let source = '';
  const order: string[] = [];
  for (const match of pattern.matchAll(FORMAT_TOKEN)) {
    const [token, quoted] = match;
    if (quoted !== undefined) source += escapeRegex(quoted === '' ? "'" : quoted);
    else if (/^(yyyy|yy|MM|M|dd|d|HH|H|mm|m|ss|s|S{1,9})$/.test(token)) {
      source += token.length === 1 ? '(\\d{1,2})' : `(\\d{${token.length}})`;
      order.push(token);
    } else source += escapeRegex(token);
  }
  const found = new RegExp(`^${source}$`).exec(text.trim());
  if (!found) return null;
  order.forEach((token, i) => {
    const value = Number(found[i + 1]);
    const field = token[0]!;
    // A fraction of any length counts to the millisecond (TO_TIMESTAMP gives a TIMESTAMP(3), as in Flink).
    fields[field] = token === 'yy' ? 2000 + value : field === 'S' ? Number(found[i + 1]!.padEnd(3, '0').slice(0, 3)) : value;
  });
  const millis = Date.UTC(fields['y']!, fields['M']! - 1, fields['d']!, fields['H']!, fields['m']!, fields['s']!, fields['S']!);
  const check = new Date(millis);
  if (check.getUTCDate() !== fields['d'] || check.getUTCMonth() !== fields['M']! - 1) return null;
  return millis;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The instants TIMESTAMP_LTZ holds, as Flink: 0000-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z. */
const MIN_EPOCH_MILLIS = -62167219200000;
const MAX_EPOCH_MILLIS = 253402300799999;

/**
 * TO_TIMESTAMP_LTZ(value, precision): `value` epoch seconds (precision 0) or milliseconds (3), truncated to whole
 * milliseconds (a DECIMAL exactly); NULL outside the years 0000–9999, as in Flink.
 */
export function epochToInstant(value: Value, type: DataType, precision: number): number | null {
  const factor = precision === 0 ? 1000 : 1;
  let millis: number;
  if (type.kind === 'DECIMAL') {
    millis = Number(((value as bigint) * BigInt(factor)) / 10n ** BigInt(type.scale));
  } else if (typeof value === 'bigint') {
    millis = Number(value * BigInt(factor));
  } else {
    millis = Math.trunc((value as number) * factor);
  }
  if (!Number.isFinite(millis) || millis < MIN_EPOCH_MILLIS || millis > MAX_EPOCH_MILLIS) return null;
  return millis === 0 ? 0 : millis;
}
