/** How the CLI and the REPL show one result value: bigint as digits, null as `<NULL>`, strings raw. */
import { bytesLiteralText } from '../common/nested-text.js';
import { javaFloatText } from '../common/java-float-text.js';
import { javaDoubleText } from '../common/java-text.js';
import { dayTimeIntervalText, yearMonthIntervalText } from '../common/interval-text.js';
import { formatTimestamp } from '../common/time.js';
import { instantToWall } from '../common/time-zone.js';
import { formatTimestampNanos, parseInstantIsoText, shiftNanos } from '../common/precise-timestamp.js';
import type { ColumnInfo, ResultValue } from '../session/api-types.js';
import { displayType, type DisplayType } from './display-type.js';

export const NULL_TEXT = '<NULL>';

/**
 * One value of `column` (when known): FLOAT and DOUBLE as Java prints them (`1.1`, `1500.0`, `1.0E20`), intervals as
 * Flink's SQL client shows them (`+0 00:00:01.000`, `+1-02`), TIMESTAMP_LTZ
 * as the wall clock in the column's session time zone (`2024-06-01 02:00:00.000` in Europe/Berlin), as Flink's SQL
 * client shows them.
 */
export function formatValue(value: ResultValue, column?: Pick<ColumnInfo, 'type' | 'timeZone'>): string {
  if (value === null) return NULL_TEXT;
  const precise = typeof value === 'string' ? /^TIMESTAMP_LTZ\(([4-9])\)/.exec(column?.type ?? '') : null;
  if (precise !== null) {
    // A TIMESTAMP_LTZ(p > 3) arrives as ISO text in UTC: shown as the wall clock of the session zone too.
    const nanos = parseInstantIsoText(value as string);
    if (nanos !== undefined) {
      const wall = shiftNanos(nanos, (millis) => instantToWall(column?.timeZone ?? 'UTC', millis));
      return formatTimestampNanos(wall, Number(precise[1]));
    }
  }
  return valueText(value, column ? displayType(column.type) : undefined, column?.timeZone ?? 'UTC');
}

/** A number by its type's name: FLOAT and DOUBLE as Java prints them, intervals (ms, months) as Flink's client. */
function numberText(value: number, typeName: string): string {
  if (typeName.startsWith('FLOAT')) return javaFloatText(value);
  if (typeName.startsWith('DOUBLE')) return javaDoubleText(value);
  if (typeName.startsWith('INTERVAL SECOND')) return dayTimeIntervalText(value);
  if (typeName.startsWith('INTERVAL MONTH')) return yearMonthIntervalText(value);
  return String(value);
}

/**
 * A value, nested ones as Flink's SQL client shows them: ROW `(1, a)`, ARRAY `[1.5, 2.0]`, MAP `{k=v}`, BYTES
 * `x'0aff'`; numbers and TIMESTAMP_LTZ instants inside by their element and field types (`type`, when known).
 */
function valueText(value: ResultValue, type: DisplayType | undefined, timeZone: string): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return type ? numberText(value, type.name) : String(value);
  if (typeof value !== 'object') return String(value);
  if (value instanceof Uint8Array) return bytesLiteralText(value);
  if (value instanceof Date) {
    const precision = Number(/^TIMESTAMP_LTZ\((\d)\)/.exec(type?.name ?? '')?.[1] ?? 3);
    return formatTimestamp(instantToWall(timeZone, value.getTime()), precision);
  }
  const child = (index: number): DisplayType | undefined => type?.children[index];
  if (Array.isArray(value)) return `[${value.map((element) => valueText(element, child(0), timeZone)).join(', ')}]`;
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${valueText(k, child(0), timeZone)}=${valueText(v, child(1), timeZone)}`).join(', ')}}`;
  }
  return `(${Object.values(value).map((field, i) => valueText(field, child(i), timeZone)).join(', ')})`;
}

/** Numbers (and DECIMAL strings, which arrive as text) are right-aligned in tables. */
export function isNumericValue(value: ResultValue): boolean {
  if (typeof value === 'number' || typeof value === 'bigint') return true;
  return false;
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Whether a whole column reads as numbers: every non-null value is a number, a bigint or a decimal string.
 * Used to right-align DECIMAL columns, whose values arrive as exact strings such as '11.00'; an interval column (`type`) never is.
 */
export function isNumericColumn(values: readonly ResultValue[], type?: string): boolean {
  // Intervals arrive as numbers (milliseconds, months) but show as text (`+1-02`).
  if (type?.startsWith('INTERVAL') === true) return false;
  let sawNumber = false;
  for (const value of values) {
    if (value === null) continue;
    if (isNumericValue(value) || (typeof value === 'string' && DECIMAL_TEXT.test(value))) sawNumber = true;
    else return false;
  }
  return sawNumber;
}
