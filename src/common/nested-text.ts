/**
 * The text of BYTES and nested values as Flink's CAST(… AS STRING) writes them (and its print sink shows them):
 * ROW `(1, abc)`, ARRAY `[1, 2]`, MAP `{a=1, b=2}`, NULL inside them `NULL`; BYTES decode as UTF-8.
 * Scalars inside are written by the caller's `scalarText` (CAST and print differ for TIMESTAMP and DOUBLE).
 */
import type { DataType } from './types.js';
import type { ArrayValue, MapValue, Value } from './values.js';

export type ScalarText = (value: Value, type: DataType) => string;

const utf8 = new TextDecoder('utf-8');

export function bytesText(value: Uint8Array): string {
  return utf8.decode(value);
}

/** `x'0aff'`: how SQL writes a binary literal. */
export function bytesLiteralText(value: Uint8Array): string {
  return `x'${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}'`;
}

/** Text of a non-null value of `type`; nested values recurse, NULL elements read `NULL`. */
export function valueText(value: Value, type: DataType, scalarText: ScalarText): string {
  const inner = (v: Value, t: DataType): string => (v === null ? 'NULL' : valueText(v, t, scalarText));
  switch (type.kind) {
    case 'BYTES': return bytesText(value as Uint8Array);
    case 'ROW': return `(${type.fields.map((f, i) => inner((value as ArrayValue)[i] ?? null, f.type)).join(', ')})`;
    case 'ARRAY': return `[${(value as ArrayValue).map((v) => inner(v, type.element)).join(', ')}]`;
    case 'MAP': return `{${[...(value as MapValue)].map(([k, v]) => `${inner(k, type.key)}=${inner(v, type.value)}`).join(', ')}}`;
    default: return scalarText(value, type);
  }
}
