/**
 * Growable Arrow column builders for decoders that write values straight into columns (the columnar JSON decoder):
 * fixed-width values into typed arrays, text as UTF-8 bytes copied from the input, ROW as a struct of builders.
 * Types without a direct builder collect runtime values and go through `buildVector` at the end, so every type is
 * built exactly as `makeBatch` would build it.
 *
 * `finish()` hands the column over as Arrow data and starts a new, empty one.
 */
import * as arrow from 'apache-arrow';
import type { DataType } from '../../common/types.js';
import type { ArrayValue, Value } from '../../common/values.js';
import { arrowType, buildVector } from '../../runtime/batch.js';

export interface ColumnBuilder {
  readonly length: number;
  appendNull(): void;
  /** A runtime value of the column's type (see src/common/values.ts); null for NULL. */
  appendValue(value: Value): void;
  finish(): arrow.Data;
}

const TWO_POW_32 = 4294967296;

/** Validity bits, grown with the column; a NULL only counts (its bit stays 0). */
class Validity {
  bitmap: Uint8Array;
  nullCount = 0;
  constructor(capacity: number) {
    this.bitmap = new Uint8Array((capacity + 7) >> 3);
  }
  setValid(row: number): void {
    if (row >> 3 >= this.bitmap.length) this.bitmap = grow(this.bitmap, (row >> 3) + 1);
    this.bitmap[row >> 3]! |= 1 << (row & 7);
  }
  props(length: number): { nullCount: number; nullBitmap?: Uint8Array } {
    if (this.nullCount === 0) return { nullCount: 0 };
    if (length > this.bitmap.length * 8) this.bitmap = grow(this.bitmap, (length + 7) >> 3);
    return { nullCount: this.nullCount, nullBitmap: this.bitmap };
  }
}

function grow<T extends Uint8Array | Int32Array | Int16Array | Int8Array | Float32Array | Float64Array>(array: T, atLeast: number): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(atLeast, array.length * 2, 16));
  next.set(array);
  return next;
}

type FixedArray = Int32Array | Int16Array | Int8Array | Float32Array | Float64Array;

/** INT, SMALLINT, TINYINT, DATE, TIME, FLOAT, DOUBLE: one typed-array slot per row. */
export class FixedWidthBuilder implements ColumnBuilder {
  private values: FixedArray;
  private validity: Validity;
  length = 0;
  constructor(private readonly type: arrow.DataType, private readonly make: (capacity: number) => FixedArray, private readonly capacity: number) {
    this.values = make(capacity);
    this.validity = new Validity(capacity);
  }
  appendNumber(value: number): void {
    if (this.length >= this.values.length) this.values = grow(this.values, this.length + 1);
    this.values[this.length] = value;
    this.validity.setValid(this.length++);
  }
  appendNull(): void {
    this.length++;
    this.validity.nullCount++;
  }
  appendValue(value: Value): void {
    if (value === null) this.appendNull();
    else this.appendNumber(value as number);
  }
  finish(): arrow.Data {
    if (this.values.length < this.length) this.values = grow(this.values, this.length); // trailing NULLs
    const data = arrow.makeData({ type: this.type, length: this.length, data: this.values.subarray(0, this.length), ...this.validity.props(this.length) } as never);
    this.values = this.make(this.capacity);
    this.validity = new Validity(this.capacity);
    this.length = 0;
    return data;
  }
}

/** BIGINT, INTERVAL, TIMESTAMP, TIMESTAMP_LTZ: 64-bit values as pairs of 32-bit words (as arrow-js stores them). */
export class Int64Builder implements ColumnBuilder {
  private words: Int32Array;
  private validity: Validity;
  length = 0;
  constructor(private readonly type: arrow.DataType, private readonly capacity: number) {
    this.words = new Int32Array(capacity * 2);
    this.validity = new Validity(capacity);
  }
  /** A safe integer (|value| ≤ 2^53 − 1). */
  appendNumber(value: number): void {
    if (this.length * 2 >= this.words.length) this.words = grow(this.words, this.length * 2 + 2);
    const high = Math.floor(value / TWO_POW_32);
    this.words[this.length * 2] = value - high * TWO_POW_32; // wraps to the low word's bits
    this.words[this.length * 2 + 1] = high;
    this.validity.setValid(this.length++);
  }
  appendNull(): void {
    this.length++;
    this.validity.nullCount++;
  }
  appendValue(value: Value): void {
    if (value === null) return this.appendNull();
    if (typeof value === 'number') return this.appendNumber(value);
    const big = BigInt.asUintN(64, value as bigint);
    if (this.length * 2 >= this.words.length) this.words = grow(this.words, this.length * 2 + 2);
    this.words[this.length * 2] = Number(big & 0xffffffffn);
    this.words[this.length * 2 + 1] = Number(big >> 32n);
    this.validity.setValid(this.length++);
  }
  finish(): arrow.Data {
    if (this.words.length < this.length * 2) this.words = grow(this.words, this.length * 2); // trailing NULLs
    const words = this.words.subarray(0, this.length * 2);
    const data = this.type instanceof arrow.Int64 ? new BigInt64Array(words.buffer, 0, this.length) : words;
    const result = arrow.makeData({ type: this.type, length: this.length, data, ...this.validity.props(this.length) } as never);
    this.words = new Int32Array(this.capacity * 2);
    this.validity = new Validity(this.capacity);
    this.length = 0;
    return result;
  }
}

/** BOOLEAN: a bitmap of values. */
export class BooleanBuilder implements ColumnBuilder {
  private values: Uint8Array;
  private validity: Validity;
  length = 0;
  constructor(private readonly capacity: number) {
    this.values = new Uint8Array((capacity + 7) >> 3);
    this.validity = new Validity(capacity);
  }
  appendBoolean(value: boolean): void {
    if (this.length >> 3 >= this.values.length) this.values = grow(this.values, (this.length >> 3) + 1);
    if (value) this.values[this.length >> 3]! |= 1 << (this.length & 7);
    this.validity.setValid(this.length++);
  }
  appendNull(): void {
    this.length++;
    this.validity.nullCount++;
  }
  appendValue(value: Value): void {
    if (value === null) this.appendNull();
    else this.appendBoolean(value as boolean);
  }
  finish(): arrow.Data {
    if (this.values.length * 8 < this.length) this.values = grow(this.values, (this.length + 7) >> 3); // trailing NULLs
    const data = arrow.makeData({ type: new arrow.Bool(), length: this.length, data: this.values, ...this.validity.props(this.length) });
    this.values = new Uint8Array((this.capacity + 7) >> 3);
    this.validity = new Validity(this.capacity);
    this.length = 0;
    return data;
  }
}

const encoder = new TextEncoder();

/** STRING: UTF-8 bytes and offsets; bytes of the input are copied as they are. */
export class Utf8Builder implements ColumnBuilder {
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private validity: Validity;
  length = 0;
  constructor(private readonly capacity: number) {
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = new Uint8Array(capacity * 16);
    this.validity = new Validity(capacity);
  }
  /** UTF-8 bytes `source[start, end)`. */
  appendBytes(source: Uint8Array, start: number, end: number): void {
    const at = this.reserve(end - start);
    const target = this.bytes;
    if (end - start <= 48) for (let i = start, j = at; i < end; i++, j++) target[j] = source[i]!;
    else target.set(new Uint8Array(source.buffer, source.byteOffset + start, end - start), at);
    this.offsets[++this.length] = at + end - start;
    this.validity.setValid(this.length - 1);
  }
  appendNull(): void {
    const at = this.reserve(0);
    this.offsets[++this.length] = at;
    this.validity.nullCount++;
  }
  appendValue(value: Value): void {
    if (value === null) return this.appendNull();
    const text = value as string;
    const at = this.reserve(text.length * 3);
    const { written } = encoder.encodeInto(text, this.bytes.subarray(at));
    this.offsets[++this.length] = at + written;
    this.validity.setValid(this.length - 1);
  }
  /** Room for one more row of up to `byteCount` bytes; returns where its bytes start. */
  private reserve(byteCount: number): number {
    if (this.length + 1 >= this.offsets.length) this.offsets = grow(this.offsets, this.length + 2);
    const at = this.offsets[this.length]!;
    if (at + byteCount > this.bytes.length) this.bytes = grow(this.bytes, at + byteCount);
    return at;
  }
  finish(): arrow.Data {
    const end = this.offsets[this.length]!;
    const data = arrow.makeData({
      type: new arrow.Utf8(), length: this.length, valueOffsets: this.offsets.subarray(0, this.length + 1), data: this.bytes.subarray(0, end),
      ...this.validity.props(this.length),
    });
    this.offsets = new Int32Array(this.capacity + 1);
    this.bytes = new Uint8Array(Math.max(this.capacity * 16, end));
    this.validity = new Validity(this.capacity);
    this.length = 0;
    return data;
  }
}

/** ROW: a struct of one builder per field. */
export class StructBuilder implements ColumnBuilder {
  private validity: Validity;
  length = 0;
  constructor(private readonly type: arrow.Struct, readonly children: readonly ColumnBuilder[], private readonly capacity: number) {
    this.validity = new Validity(capacity);
  }
  /** Marks the row present; the caller appends one value to every child. */
  appendPresent(): void {
    this.validity.setValid(this.length++);
  }
  appendNull(): void {
    this.length++;
    this.validity.nullCount++;
    for (let i = 0; i < this.children.length; i++) this.children[i]!.appendNull();
  }
  appendValue(value: Value): void {
    if (value === null) return this.appendNull();
    const fields = value as ArrayValue;
    this.appendPresent();
    for (let i = 0; i < this.children.length; i++) this.children[i]!.appendValue(fields[i] ?? null);
  }
  finish(): arrow.Data {
    const children = this.children.map((child) => child.finish());
    const data = arrow.makeData({ type: this.type, length: this.length, children, ...this.validity.props(this.length) });
    this.validity = new Validity(this.capacity);
    this.length = 0;
    return data;
  }
}

/** Any other type: runtime values, built by `buildVector` when the column is finished. */
export class ValueListBuilder implements ColumnBuilder {
  private values: Value[] = [];
  constructor(private readonly type: DataType) {}
  get length(): number {
    return this.values.length;
  }
  appendNull(): void {
    this.values.push(null);
  }
  appendValue(value: Value): void {
    this.values.push(value);
  }
  finish(): arrow.Data {
    const data = buildVector(this.type, this.values).data[0]!;
    this.values = [];
    return data;
  }
}

/** The builder for a column of `type`, sized for `capacity` rows (it grows past it). */
export function columnBuilder(type: DataType, capacity: number): ColumnBuilder {
  switch (type.kind) {
    case 'INT': case 'DATE': case 'TIME':
      return new FixedWidthBuilder(arrowType(type), (n) => new Int32Array(n), capacity);
    case 'SMALLINT': return new FixedWidthBuilder(arrowType(type), (n) => new Int16Array(n), capacity);
    case 'TINYINT': return new FixedWidthBuilder(arrowType(type), (n) => new Int8Array(n), capacity);
    case 'FLOAT': return new FixedWidthBuilder(arrowType(type), (n) => new Float32Array(n), capacity);
    case 'DOUBLE': return new FixedWidthBuilder(arrowType(type), (n) => new Float64Array(n), capacity);
    case 'BIGINT': case 'INTERVAL': case 'TIMESTAMP': case 'TIMESTAMP_LTZ':
      return new Int64Builder(arrowType(type), capacity);
    case 'BOOLEAN': return new BooleanBuilder(capacity);
    case 'STRING': return new Utf8Builder(capacity);
    case 'ROW':
      return new StructBuilder(arrowType(type) as arrow.Struct, type.fields.map((f) => columnBuilder(f.type, capacity)), capacity);
    default: return new ValueListBuilder(type);
  }
}
