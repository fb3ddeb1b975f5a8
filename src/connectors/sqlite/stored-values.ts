/**
 * Sluice values ⇄ SQLite storage, the one mapping the `sqlite` sink writes and its lookup reads back:
 * BOOLEAN ⇄ INTEGER 0/1; TINYINT, SMALLINT, INT, BIGINT (exact, 64-bit), INTERVAL (ms) ⇄ INTEGER; DOUBLE ⇄ REAL
 * (NaN as the text 'NaN', which SQLite would turn into NULL); DECIMAL ⇄ TEXT (the exact decimal, e.g. '12.50');
 * STRING ⇄ TEXT; TIMESTAMP(p) ⇄ TEXT 'yyyy-MM-dd HH:mm:ss[.fff]'; DATE ⇄ TEXT 'yyyy-MM-dd'; TIME ⇄ TEXT
 * 'HH:mm:ss[.fff]'; BYTES ⇄ BLOB; ROW, ARRAY, MAP → TEXT (their JSON; written only, not read back).
 */
import { formatDecimal, parseDecimal } from '../../common/decimal.js';
import { formatDate, formatTime, formatTimestamp, parseDate, parseTime, parseTimestamp } from '../../common/time.js';
import { formatInstantNanosText, formatTimestampNanos, parseTimestampNanos, truncateNanos } from '../../common/precise-timestamp.js';
import { formatInstantText, parseInstantText } from '../../common/time-zone.js';
import type { DataType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import { jsonText } from '../formats/json.js';

/** What better-sqlite3 binds and returns (integers as bigint when read with safe integers). */
export type Stored = null | number | bigint | string | Buffer | Uint8Array;

const INTEGER_RANGES: Partial<Record<DataType['kind'], readonly [bigint, bigint]>> = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  INT: [-2147483648n, 2147483647n],
  BIGINT: [-9223372036854775808n, 9223372036854775807n],
};

export function toStored(value: Value, type: DataType): Stored {
  if (value === null) return null;
  switch (type.kind) {
    case 'BOOLEAN':
      return value ? 1 : 0;
    case 'DECIMAL':
      return formatDecimal(value as bigint, type.scale);
    case 'TIMESTAMP':
      return type.precision > 3 ? formatTimestampNanos(value as bigint, type.precision) : formatTimestamp(value as number, type.precision);
    case 'TIMESTAMP_LTZ': // UTC text, as the JSON format writes it
      return type.precision > 3 ? formatInstantNanosText(value as bigint) : formatInstantText(value as number);
    case 'DATE':
      return formatDate(value as number);
    case 'TIME':
      return formatTime(value as number, type.precision);
    case 'FLOAT':
    case 'DOUBLE':
      return Number.isNaN(value) ? 'NaN' : (value as number);
    case 'BYTES':
      return Buffer.from(value as Uint8Array);
    case 'ROW': case 'ARRAY': case 'MAP':
      return jsonText(value, type); // nested values are stored as their JSON text
    default:
      return typeof value === 'boolean' ? (value ? 1 : 0) : (value as Stored);
  }
}

/** Whether a column of `type` can be read back from SQLite (nested types are stored as JSON text, written only). */
export function readableFromSqlite(type: DataType): boolean {
  return type.kind !== 'ROW' && type.kind !== 'ARRAY' && type.kind !== 'MAP' && type.kind !== 'NULL';
}

/**
 * A stored SQLite value as a value of `type`; undefined when it cannot be one (a TEXT that is not a number in an INT
 * column, an integer out of range, a malformed timestamp, …). Integers arrive as bigint (safe integers).
 */
export function fromStored(stored: Stored, type: DataType): Value | undefined {
  if (stored === null) return null;
  const range = INTEGER_RANGES[type.kind];
  if (range) {
    if (typeof stored !== 'bigint' || stored < range[0] || stored > range[1]) return undefined;
    return type.kind === 'BIGINT' ? stored : Number(stored);
  }
  switch (type.kind) {
    case 'BOOLEAN':
      return stored === 0n || stored === 1n ? stored === 1n : undefined;
    case 'INTERVAL_YEAR_MONTH': // months, a 32-bit integer
      return typeof stored === 'bigint' && stored >= -(2n ** 31n) && stored < 2n ** 31n ? Number(stored) : undefined;
    case 'INTERVAL':
      return typeof stored === 'bigint' && stored >= BigInt(Number.MIN_SAFE_INTEGER) && stored <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(stored) : undefined;
    case 'DOUBLE':
      if (typeof stored === 'number') return stored;
      if (typeof stored === 'bigint') return Number(stored);
      return stored === 'NaN' ? Number.NaN : undefined;
    case 'FLOAT':
      if (typeof stored === 'number' || typeof stored === 'bigint') return Math.fround(Number(stored));
      return stored === 'NaN' ? Number.NaN : undefined;
    case 'DECIMAL': {
      if (typeof stored === 'bigint' || typeof stored === 'number' || typeof stored === 'string') {
        const unscaled = parseDecimal(String(stored), type.scale);
        if (unscaled === undefined) return undefined;
        const limit = 10n ** BigInt(type.precision);
        return unscaled < limit && unscaled > -limit ? unscaled : undefined;
      }
      return undefined;
    }
    case 'STRING':
      return typeof stored === 'string' ? stored : undefined;
    case 'TIMESTAMP':
      if (typeof stored !== 'string') return undefined;
      return type.precision > 3 ? truncateOrUndefined(parseTimestampNanos(stored), type.precision) : parseTimestamp(stored);
    case 'TIMESTAMP_LTZ':
      if (typeof stored !== 'string') return undefined;
      return type.precision > 3 ? truncateOrUndefined(parseInstantText(stored, parseTimestampNanos), type.precision) : parseInstantText(stored, parseTimestamp);
    case 'DATE':
      return typeof stored === 'string' ? parseDate(stored) : undefined;
    case 'TIME':
      return typeof stored === 'string' ? parseTime(stored) : undefined;
    case 'BYTES':
      return stored instanceof Uint8Array ? new Uint8Array(stored) : undefined;
    default:
      return undefined;
  }
}

/** The kind of SQLite value `stored` is, for messages: INTEGER, REAL, TEXT, BLOB or NULL. */
export function storageClass(stored: Stored): string {
  if (stored === null) return 'NULL';
  if (typeof stored === 'bigint') return 'INTEGER';
  if (typeof stored === 'number') return 'REAL';
  if (typeof stored === 'string') return 'TEXT';
  return 'BLOB';
}

function truncateOrUndefined(nanos: bigint | undefined, precision: number): bigint | undefined {
  return nanos === undefined ? undefined : truncateNanos(nanos, precision);
}
