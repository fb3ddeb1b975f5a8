/**
 * The text of interval values as Flink 1.20 writes them (CAST to STRING, the SQL client's result table): a day-time
 * interval `+1 02:03:04.500` (Flink's `intervalDayTimeToString` with 3 fraction digits), a year-month interval
 * `+1-02` (`intervalYearMonthToString`: years, then months as two digits).
 */
import { MILLIS } from './time.js';

function twoDigits(n: number): string {
  // As Flink's `number(buf, v, 2)`: a '0' before any value under 10 (so Integer.MIN_VALUE months print `…-0-8`).
  return n < 10 ? `0${n}` : String(n);
}

/** A day-time interval of `millis` milliseconds: `+0 00:10:00.000`, `-1 02:00:00.500`. */
export function dayTimeIntervalText(millis: number): string {
  const sign = millis < 0 ? '-' : '+';
  let rest = Math.abs(millis);
  const days = Math.floor(rest / MILLIS.day);
  rest -= days * MILLIS.day;
  const [hours, minutes, seconds] = [MILLIS.hour, MILLIS.minute, MILLIS.second].map((unit) => {
    const n = Math.floor(rest / unit);
    rest -= n * unit;
    return n;
  }) as [number, number, number];
  return `${sign}${days} ${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}.${String(rest).padStart(3, '0')}`;
}

/**
 * A year-month interval of `months` (a Java int): `+1-02`, `-0-05`, `+100-00`. Computed with Java's int arithmetic,
 * so the one value whose negation overflows, -2^31, prints as Flink prints it: `--178956970-0-8`.
 */
export function yearMonthIntervalText(months: number): string {
  const sign = months >= 0 ? '+' : '-';
  const magnitude = months >= 0 ? months : -months | 0;
  const years = Math.trunc(magnitude / 12);
  const rest = magnitude % 12;
  return `${sign}${years}-${twoDigits(rest)}`;
}
