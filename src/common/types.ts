/**
 * SQL data types. The runtime representation of each type's values is described in `values.ts`;
 * the Arrow representation in `src/dataflow/arrow-types.ts`.
 */

export type DataType =
  | { readonly kind: 'BOOLEAN' }
  | { readonly kind: 'TINYINT' }
  | { readonly kind: 'SMALLINT' }
  | { readonly kind: 'INT' }
  | { readonly kind: 'BIGINT' }
  /** A 32-bit IEEE float (Flink's FLOAT / REAL); values are numbers rounded with Math.fround. */
  | { readonly kind: 'FLOAT' }
  | { readonly kind: 'DOUBLE' }
  | { readonly kind: 'DECIMAL'; readonly precision: number; readonly scale: number }
  /**
   * STRING is VARCHAR(2147483647). `length`: VARCHAR(n), or CHAR(n) when `fixed`; a CAST to it truncates to n
   * characters, and to CHAR(n) also pads with spaces (as Flink); values read or computed otherwise are not checked.
   */
  | { readonly kind: 'STRING'; readonly length?: number; readonly fixed?: boolean }
  /**
   * A timestamp without time zone. `rowtime` marks an event-time attribute (a column with a WATERMARK);
   * `proctime` a processing-time attribute (a `PROCTIME()` computed column; Flink's TIMESTAMP_LTZ(3) *PROCTIME*).
   */
  | { readonly kind: 'TIMESTAMP'; readonly precision: number; readonly rowtime?: boolean; readonly proctime?: boolean }
  /**
   * TIMESTAMP_LTZ(p), Flink's TIMESTAMP WITH LOCAL TIME ZONE: an instant (milliseconds since the epoch in UTC; for p > 3
   * bigint nanoseconds, see precise-timestamp.ts), shown
   * and converted to and from wall-clock timestamps in the session's time zone ('table.local-time-zone').
   * `rowtime` marks an event-time attribute (a TIMESTAMP_LTZ(3) column with a WATERMARK): its windows are aligned to
   * the wall clock of the session time zone, as in Flink. `proctime` marks a processing-time attribute: `PROCTIME()`
   * is a TIMESTAMP_LTZ(3) *PROCTIME* in Flink, and here.
   */
  | { readonly kind: 'TIMESTAMP_LTZ'; readonly precision: number; readonly rowtime?: boolean; readonly proctime?: boolean }
  /** A calendar date without time zone. */
  | { readonly kind: 'DATE' }
  /** A time of day without time zone; precision 0–9 (fraction digits), values kept to the millisecond as in Flink. */
  | { readonly kind: 'TIME'; readonly precision: number }
  /** Binary strings: BYTES = VARBINARY(2147483647); BINARY(n)/VARBINARY(n) keep `length` for display only. */
  | { readonly kind: 'BYTES'; readonly length?: number }
  /** A structured type: named, ordered fields (`ROW<id BIGINT, name STRING>`). */
  | { readonly kind: 'ROW'; readonly fields: readonly RowField[] }
  /** An array of elements of one type; SQL indexes it from 1. */
  | { readonly kind: 'ARRAY'; readonly element: DataType }
  /** A map from keys of one type to values of another. */
  | { readonly kind: 'MAP'; readonly key: DataType; readonly value: DataType }
  /**
   * A day-time interval (Flink's INTERVAL_DAY_TIME, shown `INTERVAL SECOND(3)`), as produced by
   * `INTERVAL '10' MINUTE`; values are milliseconds.
   */
  | { readonly kind: 'INTERVAL' }
  /**
   * A year-month interval (Flink's INTERVAL_YEAR_MONTH, shown `INTERVAL MONTH`), as produced by `INTERVAL '1' YEAR`
   * or `INTERVAL '2-3' YEAR TO MONTH`; values are a number of months, a 32-bit integer as Java's int.
   */
  | { readonly kind: 'INTERVAL_YEAR_MONTH' }
  /** The type of an untyped NULL literal; assignable to every type. */
  | { readonly kind: 'NULL' };

export interface RowField {
  readonly name: string;
  readonly type: DataType;
}

export type TypeKind = DataType['kind'];

export const BYTES: DataType = { kind: 'BYTES' };
export const DATE: DataType = { kind: 'DATE' };

export function time(precision = 0): DataType {
  return { kind: 'TIME', precision };
}

export function rowType(fields: readonly RowField[]): DataType {
  return { kind: 'ROW', fields };
}

export function arrayType(element: DataType): DataType {
  return { kind: 'ARRAY', element };
}

export function mapType(key: DataType, value: DataType): DataType {
  return { kind: 'MAP', key, value };
}

/** ROW, ARRAY and MAP: types whose values hold other values. */
export function isNested(type: DataType): boolean {
  return type.kind === 'ROW' || type.kind === 'ARRAY' || type.kind === 'MAP';
}

export const BOOLEAN: DataType = { kind: 'BOOLEAN' };
export const TINYINT: DataType = { kind: 'TINYINT' };
export const SMALLINT: DataType = { kind: 'SMALLINT' };
export const INT: DataType = { kind: 'INT' };
export const BIGINT: DataType = { kind: 'BIGINT' };
export const FLOAT: DataType = { kind: 'FLOAT' };
export const DOUBLE: DataType = { kind: 'DOUBLE' };
export const STRING: DataType = { kind: 'STRING' };
export const INTERVAL: DataType = { kind: 'INTERVAL' };
export const INTERVAL_YEAR_MONTH: DataType = { kind: 'INTERVAL_YEAR_MONTH' };

/** Either kind of interval: day-time (milliseconds) or year-month (months). */
export function isInterval(type: DataType): boolean {
  return type.kind === 'INTERVAL' || type.kind === 'INTERVAL_YEAR_MONTH';
}
export const NULL_TYPE: DataType = { kind: 'NULL' };
export const TIMESTAMP3: DataType = { kind: 'TIMESTAMP', precision: 3 };
export const MAX_DECIMAL_PRECISION = 38;

export function decimal(precision: number, scale: number): DataType {
  return { kind: 'DECIMAL', precision, scale };
}

export function timestamp(precision = 3, rowtime = false): DataType {
  return rowtime ? { kind: 'TIMESTAMP', precision, rowtime: true } : { kind: 'TIMESTAMP', precision };
}

export function timestampLtz(precision = 3, rowtime = false): DataType {
  return rowtime ? { kind: 'TIMESTAMP_LTZ', precision, rowtime: true } : { kind: 'TIMESTAMP_LTZ', precision };
}

export function isNumeric(type: DataType): boolean {
  return type.kind === 'TINYINT' || type.kind === 'SMALLINT' || type.kind === 'INT' || type.kind === 'BIGINT' || type.kind === 'FLOAT' || type.kind === 'DOUBLE' || type.kind === 'DECIMAL';
}

export function isRowtime(type: DataType): boolean {
  return (type.kind === 'TIMESTAMP' || type.kind === 'TIMESTAMP_LTZ') && type.rowtime === true;
}

/** A TIMESTAMP_LTZ rowtime: windows over it are aligned in the session time zone and their window_time is an LTZ. */
export function isLtzRowtime(type: DataType): boolean {
  return type.kind === 'TIMESTAMP_LTZ' && type.rowtime === true;
}

/** The type of `PROCTIME()`: a processing-time attribute, TIMESTAMP_LTZ(3) *PROCTIME* as in Flink. */
export const PROCTIME_TYPE: DataType = { kind: 'TIMESTAMP_LTZ', precision: 3, proctime: true };

export function isProctime(type: DataType): boolean {
  return (type.kind === 'TIMESTAMP' || type.kind === 'TIMESTAMP_LTZ') && type.proctime === true;
}

/** The same type without the time-attribute mark (what an expression over a rowtime or proctime column produces). */
export function withoutRowtime(type: DataType): DataType {
  if (type.kind === 'TIMESTAMP_LTZ' && (type.rowtime || type.proctime)) return { kind: 'TIMESTAMP_LTZ', precision: type.precision };
  return type.kind === 'TIMESTAMP' && (type.rowtime || type.proctime) ? { kind: 'TIMESTAMP', precision: type.precision } : type;
}

/** Type equality ignoring the rowtime mark and VARCHAR length. */
export function sameType(a: DataType, b: DataType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'DECIMAL' && b.kind === 'DECIMAL') return a.precision === b.precision && a.scale === b.scale;
  if (a.kind === 'TIMESTAMP' && b.kind === 'TIMESTAMP') return a.precision === b.precision;
  if (a.kind === 'TIMESTAMP_LTZ' && b.kind === 'TIMESTAMP_LTZ') return a.precision === b.precision;
  if (a.kind === 'TIME' && b.kind === 'TIME') return a.precision === b.precision;
  if (a.kind === 'ROW' && b.kind === 'ROW') {
    return a.fields.length === b.fields.length
      && a.fields.every((f, i) => f.name === b.fields[i]!.name && sameType(f.type, b.fields[i]!.type));
  }
  if (a.kind === 'ARRAY' && b.kind === 'ARRAY') return sameType(a.element, b.element);
  if (a.kind === 'MAP' && b.kind === 'MAP') return sameType(a.key, b.key) && sameType(a.value, b.value);
  return true;
}

/** Flink's display form: `INT`, `DECIMAL(10, 2)`, `TIMESTAMP(3) *ROWTIME*`, `VARCHAR(20)`. */
export function formatType(type: DataType): string {
  switch (type.kind) {
    case 'DECIMAL':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'STRING':
      return type.length === undefined ? 'STRING' : `${type.fixed ? 'CHAR' : 'VARCHAR'}(${type.length})`;
    case 'TIMESTAMP':
      return `TIMESTAMP(${type.precision})${type.rowtime ? ' *ROWTIME*' : type.proctime ? ' *PROCTIME*' : ''}`;
    case 'TIME':
      return `TIME(${type.precision})`;
    case 'TIMESTAMP_LTZ':
      return `TIMESTAMP_LTZ(${type.precision})${type.rowtime ? ' *ROWTIME*' : type.proctime ? ' *PROCTIME*' : ''}`;
    case 'BYTES':
      return type.length === undefined ? 'BYTES' : `VARBINARY(${type.length})`;
    case 'ROW':
      return `ROW<${type.fields.map((f) => `${quoteFieldName(f.name)} ${formatType(f.type)}`).join(', ')}>`;
    case 'ARRAY':
      return `ARRAY<${formatType(type.element)}>`;
    case 'MAP':
      return `MAP<${formatType(type.key)}, ${formatType(type.value)}>`;
    case 'INTERVAL':
      return 'INTERVAL SECOND(3)';
    case 'INTERVAL_YEAR_MONTH':
      return 'INTERVAL MONTH';
    default:
      return type.kind;
  }
}

/** Field names in type text are backquoted, as Flink shows them (`ROW<\`id\` BIGINT>`). */
function quoteFieldName(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}
