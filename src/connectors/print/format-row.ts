/**
 * Flink's printed form of rows (`+I[2020-04-15T08:00, 2020-04-15T08:10, 11.00]`): row kind, then the values
 * comma-space separated; TIMESTAMP in ISO form without trailing zero fields, DECIMAL with its scale, DOUBLE as
 * Java prints it (`1.0`, `1.0E10`), NULL as `<NULL>`, strings raw.
 */
import { formatDecimal } from '../../common/decimal.js';
import { dayTimeIntervalText, yearMonthIntervalText } from '../../common/interval-text.js';
import { formatDate, MILLIS } from '../../common/time.js';
import { javaDoubleText } from '../../common/java-text.js';
import { javaFloatText } from '../../common/java-float-text.js';
import { javaInstantText } from '../../common/time-zone.js';
import { formatInstantNanosIso, formatTimestampNanosIso } from '../../common/precise-timestamp.js';
import { valueText } from '../../common/nested-text.js';

export { javaDoubleText };
import type { DataType } from '../../common/types.js';
import { rowKindName, type RowKind, type Value } from '../../common/values.js';

/**
 * Java's `LocalDateTime.toString()` as Flink prints it: `2020-04-15T08:05`, `2020-04-15T08:05:01`,
 * `2020-04-15T08:05:01.500` (milliseconds always three digits). `formatTimestampIso` in src/common/time.ts strips
 * the fraction's trailing zeros (`.5`), which its own comment and Java do not, hence this local version.
 */
export function javaTimestampText(millis: number): string {
  const iso = new Date(millis).toISOString();
  const t = iso.indexOf('T');
  let text = iso.slice(0, t + 6);
  const seconds = iso.slice(t + 7, t + 9);
  const fraction = iso.slice(t + 10, t + 13);
  if (seconds !== '00' || fraction !== '000') text += `:${seconds}`;
  if (fraction !== '000') text += `.${fraction}`;
  return text;
}

/** One value as Flink's print sink shows it. */
export function printedValue(value: Value, type: DataType): string {
  if (value === null) return '<NULL>';
  switch (type.kind) {
    case 'DECIMAL': return formatDecimal(value as bigint, type.scale);
    case 'TIMESTAMP': return type.precision > 3 ? formatTimestampNanosIso(value as bigint) : javaTimestampText(value as number);
    case 'TIMESTAMP_LTZ': // Flink prints the java.time.Instant: …T00:00:00Z
      return type.precision > 3 ? formatInstantNanosIso(value as bigint) : javaInstantText(value as number);
    case 'DATE': return formatDate(value as number);
    case 'TIME': return javaTimestampText(value as number).slice(11); // java.time.LocalTime: 08:05, 08:05:01.500
    case 'FLOAT': return javaFloatText(value as number);
    case 'DOUBLE': return javaDoubleText(value as number);
    case 'INTERVAL': return dayTimeIntervalText(value as number);
    case 'INTERVAL_YEAR_MONTH': return yearMonthIntervalText(value as number);
    case 'BYTES': case 'ROW': case 'ARRAY': case 'MAP': return valueText(value, type, printedValue);
    default: return String(value);
  }
}

/** `+I[a, b, c]`. */
export function printedRow(kind: RowKind, values: readonly Value[], types: readonly DataType[]): string {
  const parts = values.map((value, i) => printedValue(value, types[i]!));
  return `${rowKindName(kind)}[${parts.join(', ')}]`;
}
