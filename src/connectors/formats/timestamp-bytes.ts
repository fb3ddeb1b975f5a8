/**
 * TIMESTAMP text read from UTF-8 bytes without making a string: `yyyy-MM-dd HH:mm:ss` or `yyyy-MM-dd HH:mm:ss.SSS`
 * (a `T` instead of the space allowed), the forms input files use. Anything else — other fraction lengths, one-digit
 * fields, surrounding spaces, years before 100 — is left to `parseTimestamp` (undefined here), which accepts more.
 * Where both read a text they agree: the same epoch milliseconds (proleptic Gregorian, UTC), the same rejections of
 * impossible dates.
 */

const MILLIS_PER_DAY = 86_400_000;

function digit(bytes: Uint8Array, at: number): number {
  const d = bytes[at]! - 48;
  return d >= 0 && d <= 9 ? d : -1000000;
}

function twoDigits(bytes: Uint8Array, at: number): number {
  return digit(bytes, at) * 10 + digit(bytes, at + 1);
}

/** Days from 1970-01-01 to the given date (valid month and day). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Epoch milliseconds of the timestamp text `bytes[start, end)`, or undefined when it is not in the forms above. */
export function timestampFromBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
  const length = end - start;
  if (length !== 19 && length !== 23) return undefined;
  if (bytes[start + 4] !== 45 || bytes[start + 7] !== 45 || bytes[start + 13] !== 58 || bytes[start + 16] !== 58) return undefined;
  const separator = bytes[start + 10];
  if (separator !== 32 && separator !== 84) return undefined;
  const year = twoDigits(bytes, start) * 100 + twoDigits(bytes, start + 2);
  const month = twoDigits(bytes, start + 5);
  const day = twoDigits(bytes, start + 8);
  const hour = twoDigits(bytes, start + 11);
  const minute = twoDigits(bytes, start + 14);
  const second = twoDigits(bytes, start + 17);
  let millis = 0;
  if (length === 23) {
    if (bytes[start + 19] !== 46) return undefined;
    millis = digit(bytes, start + 20) * 100 + twoDigits(bytes, start + 21);
    if (millis < 0) return undefined;
  }
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  if (day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day) * MILLIS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
}
