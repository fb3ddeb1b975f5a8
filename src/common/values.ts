/**
 * Runtime representation of SQL values inside the engine (after decoding an Arrow column):
 *
 * | SQL type     | JS value                                                        |
 * |--------------|-----------------------------------------------------------------|
 * | BOOLEAN      | boolean                                                         |
 * | INT          | number (a 32-bit integer)                                       |
 * | BIGINT       | bigint (exact, 64-bit)                                          |
 * | FLOAT        | number (a float32 value: Math.fround of the result)             |
 * | DOUBLE       | number                                                          |
 * | DECIMAL(p,s) | bigint holding the unscaled value (value × 10^s); s from the type |
 * | STRING       | string                                                          |
 * | TIMESTAMP(p) | p ≤ 3: number, milliseconds since 1970-01-01 00:00:00 of the wall clock (no zone); p 4–9: bigint nanoseconds (precise-timestamp.ts) |
 * | TIMESTAMP_LTZ(p) | the same count from 1970-01-01 00:00:00 UTC (an instant)          |
 * | INTERVAL     | number: milliseconds                                            |
 * | DATE         | number: days since 1970-01-01                                   |
 * | TIME(p)      | number: milliseconds since midnight (whatever p, as Flink's TIME) |
 * | BYTES        | Uint8Array                                                      |
 * | ROW<…>       | a frozen array of the field values, in field order (RowValue)   |
 * | ARRAY<T>     | a frozen array of element values (ArrayValue)                   |
 * | MAP<K, V>    | a Map from key values to values (MapValue), in insertion order  |
 * | any, NULL    | null                                                            |
 *
 * Nested values are never mutated once built: operators may share them between rows and state.
 */
export type Value = null | boolean | number | bigint | string | Uint8Array | ArrayValue | MapValue;

/** The value of an ARRAY or of a ROW (its fields in order). */
export interface ArrayValue extends ReadonlyArray<Value> {}

/** The value of a MAP. Keys are runtime values; strings, numbers and bigints compare by value, other keys by identity. */
export interface MapValue extends ReadonlyMap<Value, Value> {}

/** Row kinds of a changelog stream, as Flink prints them. */
export const enum RowKind {
  Insert = 0,
  UpdateBefore = 1,
  UpdateAfter = 2,
  Delete = 3,
}

export type RowKindName = '+I' | '-U' | '+U' | '-D';

export const ROW_KIND_NAMES: readonly RowKindName[] = ['+I', '-U', '+U', '-D'];

export function rowKindName(kind: RowKind): RowKindName {
  return ROW_KIND_NAMES[kind] as RowKindName;
}

/** +I and +U add a row to the result; -U and -D take one away. */
export function isAccumulate(kind: RowKind): boolean {
  return kind === RowKind.Insert || kind === RowKind.UpdateAfter;
}
