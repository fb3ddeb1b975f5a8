/**
 * Timestamps without time zone are milliseconds of a wall clock counted from 1970-01-01 00:00:00, computed
 * in UTC so that no local zone or DST shifts them. Text form: `yyyy-MM-dd HH:mm:ss[.SSS]` (Flink's SQL form);
 * `T` is accepted in place of the space, as Flink's JSON format does.
 */

const TIMESTAMP_PATTERN = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*$/;

/** Parses `yyyy-MM-dd[ HH:mm[:ss[.fraction]]]` to epoch milliseconds; undefined if malformed or out of range. */
export function parseTimestamp(text: string): number | undefined {
  // Fast path for input files, whose timestamps mostly share their second with the previous one:
  // `yyyy-MM-dd HH:mm:ss.SSS` with a remembered `yyyy-MM-dd HH:mm:ss` prefix costs a compare and three digits.
  if (text.length === 23 && text.charCodeAt(19) === 46 && text.charCodeAt(16) === 58 && text.charCodeAt(13) === 58
    && text.charCodeAt(7) === 45 && text.charCodeAt(4) === 45) {
    const millis = threeDigits(text, 20);
    if (millis >= 0) {
      const prefix = text.slice(0, 19);
      if (prefix !== lastSecondText) {
        const epoch = parseTimestampSlow(prefix);
        if (epoch === undefined) return undefined;
        lastSecondText = prefix;
        lastSecondEpoch = epoch;
      }
      return lastSecondEpoch + millis;
    }
  }
  return parseTimestampSlow(text);
}

let lastSecondText = '';
let lastSecondEpoch = 0;

/** The number of three ASCII digits at `at`, or -1. */
function threeDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48, b = text.charCodeAt(at + 1) - 48, c = text.charCodeAt(at + 2) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9 ? a * 100 + b * 10 + c : -1;
}

function parseTimestampSlow(text: string): number | undefined {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = match;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(epoch);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined; // e.g. 2021-02-30
  return epoch;
}

/** Formats epoch milliseconds as `yyyy-MM-dd HH:mm:ss.SSS` (precision 3) or with `precision` fraction digits. */
export function formatTimestamp(millis: number, precision = 3): string {
  const iso = new Date(millis).toISOString(); // yyyy-MM-ddTHH:mm:ss.SSSZ
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  if (precision <= 0) return base;
  return `${base}.${iso.slice(20, 23).padEnd(precision, '0').slice(0, precision)}`;
}

/** Flink's printed form of a TIMESTAMP in `print` sinks and result tables: `2020-04-15T08:05` / `2020-04-15T08:05:01.500` (java.time's toString). */
export function formatTimestampIso(millis: number): string {
  const iso = new Date(millis).toISOString();
  let text = iso.slice(0, 16);
  const seconds = iso.slice(17, 19);
  const fraction = iso.slice(20, 23);
  if (seconds !== '00' || fraction !== '000') text += `:${seconds}`;
  if (fraction !== '000') text += `.${fraction}`; // java.time.LocalDateTime prints milliseconds as 3 digits
  return text;
}

export const MILLIS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Formats a millisecond duration the way EXPLAIN shows window sizes: `10 min`, `1 h`, `1500 ms`. */
export function formatDuration(millis: number): string {
  const units: [number, string][] = [[MILLIS.day, 'd'], [MILLIS.hour, 'h'], [MILLIS.minute, 'min'], [MILLIS.second, 's']];
  for (const [size, name] of units) if (millis !== 0 && millis % size === 0) return `${millis / size} ${name}`;
  return `${millis} ms`;
}

export const MILLIS_PER_DAY = 86_400_000;

const DATE_PATTERN = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;
const TIME_PATTERN = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*$/;

/** Parses `yyyy-MM-dd` to days since 1970-01-01; undefined if malformed or not a real date. */
export function parseDate(text: string): number | undefined {
  if (!DATE_PATTERN.test(text)) return undefined;
  const millis = parseTimestamp(text);
  return millis === undefined ? undefined : Math.floor(millis / MILLIS_PER_DAY);
}

/** Days since 1970-01-01 as `yyyy-MM-dd`. */
export function formatDate(days: number): string {
  return new Date(days * MILLIS_PER_DAY).toISOString().slice(0, 10);
}

/** Parses `HH:mm[:ss[.fraction]]` to milliseconds since midnight; undefined if malformed. */
export function parseTime(text: string): number | undefined {
  const match = TIME_PATTERN.exec(text);
  if (!match) return undefined;
  const [, h, m, s = '0', frac = ''] = match;
  const hour = Number(h), minute = Number(m), second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return ((hour * 60 + minute) * 60 + second) * 1000 + (frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0')));
}

/** Milliseconds since midnight as `HH:mm:ss` plus `precision` fraction digits (Flink's CAST form). */
export function formatTime(millis: number, precision = 0): string {
  const text = new Date(millis).toISOString().slice(11, 23);
  return precision <= 0 ? text.slice(0, 8) : text.slice(0, 9 + Math.min(precision, 3));
}
