/** Runtime values → the values the embedded API hands out (see api-types.ts). */
import { formatDecimal } from '../common/decimal.js';
import { formatDate, formatTime, formatTimestamp } from '../common/time.js';
import { formatTimestampNanos, instantIsoText } from '../common/precise-timestamp.js';
import { formatType, type DataType } from '../common/types.js';
import type { ArrayValue, MapValue, Value } from '../common/values.js';
import type { Schema } from '../dataflow/schema.js';
import type { ColumnInfo, ResultValue, Row } from './api-types.js';

export function toResultValue(value: Value, type: DataType): ResultValue {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'DECIMAL':
      return formatDecimal(value as bigint, type.scale);
    case 'TIMESTAMP':
      return type.precision > 3 ? formatTimestampNanos(value as bigint, type.precision) : formatTimestamp(value as number, type.precision);
    case 'TIMESTAMP_LTZ': // an instant; a Date holds no finer digit than milliseconds, so precise ones are ISO text
      return type.precision > 3 ? instantIsoText(value as bigint, type.precision) : new Date(value as number);
    case 'DATE':
      return formatDate(value as number);
    case 'TIME':
      return formatTime(value as number, type.precision);
    case 'ROW': {
      const row: { [field: string]: ResultValue } = {};
      type.fields.forEach((f, i) => { row[f.name] = toResultValue((value as ArrayValue)[i] ?? null, f.type); });
      return row;
    }
    case 'ARRAY':
      return (value as ArrayValue).map((v) => toResultValue(v, type.element));
    case 'MAP':
      return new Map([...(value as MapValue)].map(([k, v]) => [toResultValue(k, type.key), toResultValue(v, type.value)]));
    default:
      return value as ResultValue;
  }
}

export function toRow(values: readonly Value[], schema: Schema): Row {
  const row: Row = {};
  schema.fields.forEach((f, i) => {
    row[f.name] = toResultValue(values[i] ?? null, f.type);
  });
  return row;
}

export function columnInfo(schema: Schema, timeZone: string): ColumnInfo[] {
  return schema.fields.map((f) => ({
    name: f.name, type: formatType(f.type), nullable: f.nullable, ...(f.type.kind === 'TIMESTAMP_LTZ' ? { timeZone } : {}),
  }));
}
