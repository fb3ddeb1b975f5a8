/**
 * The JSON constructor functions, as Flink's: JSON_STRING, JSON_ARRAY and JSON_OBJECT (NULL / ABSENT ON NULL), and
 * the JSON text of SQL values they (and JSON_ARRAYAGG / JSON_OBJECTAGG) write. JSON_VALUE, JSON_QUERY, JSON_EXISTS
 * and IS JSON are in json-query-functions.ts, paths in json-path.ts.
 */
import { javaFloatText } from '../../common/java-float-text.js';
import { formatInstantText } from '../../common/time-zone.js';
import { formatInstantNanosText, formatTimestampNanos } from '../../common/precise-timestamp.js';
import { formatDecimal } from '../../common/decimal.js';
import { formatTimestamp } from '../../common/time.js';
import type { DataType } from '../../common/types.js';
import type { ArrayValue, MapValue, Value } from '../../common/values.js';

/** The JSON text of a SQL value (strings quoted, exact numbers with every digit, timestamps as strings). */
export function jsonOf(value: Value, type: DataType): string {
  if (value === null) return 'null';
  switch (type.kind) {
    case 'DECIMAL': return formatDecimal(value as bigint, type.scale);
    case 'BIGINT': case 'INT': case 'BOOLEAN': return String(value);
    case 'FLOAT': return Number.isFinite(value) ? javaFloatText(value as number) : JSON.stringify(String(value));
    case 'DOUBLE': return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
    case 'TIMESTAMP':
      return JSON.stringify(type.precision > 3 ? formatTimestampNanos(value as bigint, type.precision) : formatTimestamp(value as number, type.precision));
    case 'TIMESTAMP_LTZ': return JSON.stringify(type.precision > 3 ? formatInstantNanosText(value as bigint) : formatInstantText(value as number));
    case 'ARRAY': return `[${(value as ArrayValue).map((v) => jsonOf(v, type.element)).join(',')}]`;
    case 'ROW': return `{${type.fields.map((f, i) => `${JSON.stringify(f.name)}:${jsonOf((value as ArrayValue)[i] ?? null, f.type)}`).join(',')}}`;
    case 'MAP': return `{${[...(value as MapValue)].map(([k, v]) => `${JSON.stringify(String(k))}:${jsonOf(v, type.value)}`).join(',')}}`;
    default: return JSON.stringify(typeof value === 'string' ? value : String(value));
  }
}

/**
 * JSON_ARRAY(mode, raw, v…): `mode` is 'ABSENT ON NULL' or 'NULL ON NULL'; `raw` has a '1' for each value that is
 * JSON text from a nested JSON_OBJECT / JSON_ARRAY (inserted as is, not as a string).
 */
export function jsonArray(args: readonly Value[], types: readonly DataType[]): string {
  const absent = args[0] === 'ABSENT ON NULL';
  const raw = String(args[1] ?? '');
  const parts: string[] = [];
  for (let i = 2; i < args.length; i++) {
    const value = args[i] ?? null;
    if (value === null) {
      if (!absent) parts.push('null');
    } else {
      parts.push(raw[i - 2] === '1' ? String(value) : constructedJson(value, types[i]!));
    }
  }
  return `[${parts.join(',')}]`;
}

/** JSON_OBJECT(mode, raw, k1, v1, …), with `mode` and `raw` as for jsonArray (one flag per value). */
export function jsonObject(args: readonly Value[], types: readonly DataType[]): string {
  const absent = args[0] === 'ABSENT ON NULL';
  const raw = String(args[1] ?? '');
  const members = new Map<string, string>();
  for (let i = 2; i + 1 < args.length; i += 2) {
    const key = args[i] ?? null;
    if (key === null) throw new Error('JSON_OBJECT: a key is NULL');
    const value = args[i + 1] ?? null;
    if (value === null && absent) continue;
    const json = value === null ? 'null' : raw[(i - 2) / 2] === '1' ? String(value) : constructedJson(value, types[i + 1]!);
    members.set(String(key), json);
  }
  // Flink writes the members sorted by key (Java's String order: UTF-16 code units, as JavaScript's).
  const keys = [...members.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${members.get(key)!}`).join(',')}}`;
}

/** A value in JSON_OBJECT / JSON_ARRAY: as jsonOf, but DECIMAL as Flink's JSON nodes write it (see strippedDecimal). */
export function constructedJson(value: Value, type: DataType): string {
  return type.kind === 'DECIMAL' ? strippedDecimal(value as bigint, type.scale) : jsonOf(value, type);
}

/** Java's BigDecimal.stripTrailingZeros().toString() (0 for zero): 1.50 → 1.5, 100.00 → 1E+2, 0.00 → 0. */
export function strippedDecimal(unscaled: bigint, scale: number): string {
  if (unscaled === 0n) return '0';
  let digits = unscaled < 0n ? -unscaled : unscaled;
  let exponentScale = scale;
  while (digits % 10n === 0n) {
    digits /= 10n;
    exponentScale--;
  }
  const text = digits.toString();
  const adjusted = text.length - 1 - exponentScale;
  let body: string;
  if (exponentScale === 0) {
    body = text;
  } else if (exponentScale > 0 && adjusted >= -6) {
    const padded = text.padStart(exponentScale + 1, '0');
    body = `${padded.slice(0, padded.length - exponentScale)}.${padded.slice(padded.length - exponentScale)}`;
  } else {
    const mantissa = text.length > 1 ? `${text[0]}.${text.slice(1)}` : text;
    body = `${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }
  return unscaled < 0n ? `-${body}` : body;
}
