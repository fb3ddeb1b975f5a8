/**
 * The text Flink's `json` and `csv` formats write for TIMESTAMP, TIMESTAMP_LTZ and TIME (Flink 1.20's
 * RowDataToJsonConverters / RowDataToCsvConverters, whose formatters append the fraction of the second with
 * `appendFraction(NANO_OF_SECOND, 0, 9, true)`): the fraction has only the digits it needs, and none at all (nor
 * the point) on a whole second, whatever the precision — `2020-04-15 08:05:00`, `2020-04-15 08:05:00.1`,
 * `2020-04-15 08:05:00.123456`. A TIMESTAMP_LTZ is its UTC wall clock and `Z`. A TIME is `HH:mm:ss` in JSON (Flink's
 * JSON writer drops the milliseconds of a TIME) and `HH:mm:ss` with the trimmed fraction in CSV. Both readers accept
 * these texts and the fixed-width ones (`…:00.000`) alike.
 */
import { formatInstantNanosText, formatTimestampNanos } from '../../common/precise-timestamp.js';
import { formatTime, formatTimestamp } from '../../common/time.js';
import { formatInstantText } from '../../common/time-zone.js';
import type { Value } from '../../common/values.js';

/** A `…ss.fraction` text without the fraction's trailing zeros, and without the point when nothing is left. */
function trimFraction(text: string): string {
  const point = text.lastIndexOf('.');
  if (point < 0) return text;
  let end = text.length;
  while (end > point + 1 && text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  return text.slice(0, end === point + 1 ? point : end);
}

/** The text of a TIMESTAMP(p) value (milliseconds for p ≤ 3, bigint nanoseconds above). */
export function timestampFormatText(value: Value, precision: number): string {
  return trimFraction(precision > 3 ? formatTimestampNanos(value as bigint, 9) : formatTimestamp(value as number, 3));
}

/** The text of a TIMESTAMP_LTZ(p) value: UTC and `Z`. */
export function instantFormatText(value: Value, precision: number): string {
  return precision > 3 ? formatInstantNanosText(value as bigint) : formatInstantText(value as number);
}

/** The text of a TIME value (milliseconds of the day) in the JSON format: whole seconds, as Flink writes it. */
export function jsonTimeText(millis: number): string {
  return formatTime(millis, 0);
}

/** The text of a TIME value in the CSV format: the milliseconds kept, trimmed. */
export function csvTimeText(millis: number): string {
  return trimFraction(formatTime(millis, 3));
}

