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
import { isPreciseTimestamp } from '../../common/precise-timestamp.js';
import type { ArrayValue, Value } from '../../common/values.js';
import { arrowType, buildVector } from '../../runtime/batch.js';

export interface ColumnBuilder {
  readonly length: number;
  appendNull(): void;
  /** `count` NULLs at once. */
  appendNulls(count: number): void;
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

/** A column with a validity bitmap: counts NULLs, hands its validity over with the column. */
abstract class NullableColumn implements ColumnBuilder {
  length = 0;
  protected validity: Validity;
  constructor(protected readonly capacity: number) {
    this.validity = new Validity(capacity);
  }
  appendNull(): void {
    this.appendNulls(1);
  }
  /** A NULL's bit stays 0 and its value slot as allocated (zero), so NULLs only count. */
  appendNulls(count: number): void {
    this.length += count;
    this.validity.nullCount += count;
  }
  appendValue(value: Value): void {
    if (value === null) this.appendNull();
    else this.appendPresent(value);
  }
  /** A non-NULL runtime value of the column's type. */
  protected abstract appendPresent(value: NonNullable<Value>): void;
  abstract finish(): arrow.Data;
  /** The validity of the rows so far (as Arrow data props); the builder starts a new, empty column. */
  protected takeValidity(): { nullCount: number; nullBitmap?: Uint8Array } {
    const props = this.validity.props(this.length);
    this.validity = new Validity(this.capacity);
    this.length = 0;
    return props;
  }
}

type FixedArray = Int32Array | Int16Array | Int8Array | Float32Array | Float64Array;

/** INT, SMALLINT, TINYINT, DATE, TIME, FLOAT, DOUBLE: one typed-array slot per row. */
export class FixedWidthBuilder extends NullableColumn {
  private values: FixedArray;
  constructor(private readonly type: arrow.DataType, private readonly make: (capacity: number) => FixedArray, capacity: number) {
    super(capacity);
    this.values = make(capacity);
  }
  appendNumber(value: number): void {
    if (this.length >= this.values.length) this.values = grow(this.values, this.length + 1);
    this.values[this.length] = value;
    this.validity.setValid(this.length++);
  }
  protected appendPresent(value: NonNullable<Value>): void {
    this.appendNumber(value as number);
  }
  finish(): arrow.Data {
    const length = this.length;
    if (this.values.length < length) this.values = grow(this.values, length); // trailing NULLs
    const values = this.values.subarray(0, length);
    this.values = this.make(this.capacity);
    return arrow.makeData({ type: this.type, length, data: values, ...this.takeValidity() } as never);
  }
}

/** BIGINT, INTERVAL, TIMESTAMP, TIMESTAMP_LTZ: 64-bit values as pairs of 32-bit words (as arrow-js stores them). */
export class Int64Builder extends NullableColumn {
  private words: Int32Array;
  constructor(private readonly type: arrow.DataType, capacity: number) {
    super(capacity);
    this.words = new Int32Array(capacity * 2);
  }
  /** A safe integer (|value| ≤ 2^53 − 1). */
  appendNumber(value: number): void {
    const high = Math.floor(value / TWO_POW_32);
    this.appendWords(value - high * TWO_POW_32, high); // the low word wraps to its bits
  }
  protected appendPresent(value: NonNullable<Value>): void {
    if (typeof value === 'number') return this.appendNumber(value);
    const big = BigInt.asUintN(64, value as bigint);
    this.appendWords(Number(big & 0xffffffffn), Number(big >> 32n));
  }
  private appendWords(low: number, high: number): void {
    if (this.length * 2 >= this.words.length) this.words = grow(this.words, this.length * 2 + 2);
    this.words[this.length * 2] = low;
    this.words[this.length * 2 + 1] = high;
    this.validity.setValid(this.length++);
  }
  finish(): arrow.Data {
    const length = this.length;
    if (this.words.length < length * 2) this.words = grow(this.words, length * 2); // trailing NULLs
    const words = this.words.subarray(0, length * 2);
    this.words = new Int32Array(this.capacity * 2);
    const data = this.type instanceof arrow.Int64 ? new BigInt64Array(words.buffer, 0, length) : words;
    return arrow.makeData({ type: this.type, length, data, ...this.takeValidity() } as never);
  }
}

/** BOOLEAN: a bitmap of values. */
export class BooleanBuilder extends NullableColumn {
  private values: Uint8Array;
  constructor(capacity: number) {
    super(capacity);
    this.values = new Uint8Array((capacity + 7) >> 3);
  }
  appendBoolean(value: boolean): void {
    if (this.length >> 3 >= this.values.length) this.values = grow(this.values, (this.length >> 3) + 1);
    if (value) this.values[this.length >> 3]! |= 1 << (this.length & 7);
    this.validity.setValid(this.length++);
  }
  protected appendPresent(value: NonNullable<Value>): void {
    this.appendBoolean(value as boolean);
  }
  finish(): arrow.Data {
    const length = this.length;
    if (this.values.length * 8 < length) this.values = grow(this.values, (length + 7) >> 3); // trailing NULLs
    const values = this.values;
    this.values = new Uint8Array((this.capacity + 7) >> 3);
    return arrow.makeData({ type: new arrow.Bool(), length, data: values, ...this.takeValidity() });
  }
}

const encoder = new TextEncoder();

/** STRING: UTF-8 bytes and offsets; bytes of the input are copied as they are. */
export class Utf8Builder extends NullableColumn {
  private offsets: Int32Array;
  private bytes: Uint8Array;
  constructor(capacity: number) {
    super(capacity);
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = new Uint8Array(capacity * 16);
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
  override appendNulls(count: number): void {
    if (this.length + count >= this.offsets.length) this.offsets = grow(this.offsets, this.length + count + 1);
    const at = this.offsets[this.length]!;
    this.offsets.fill(at, this.length + 1, this.length + count + 1);
    super.appendNulls(count);
  }
  protected appendPresent(value: NonNullable<Value>): void {
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
    const length = this.length;
    const end = this.offsets[length]!;
    const offsets = this.offsets.subarray(0, length + 1);
    const bytes = this.bytes.subarray(0, end);
    this.offsets = new Int32Array(this.capacity + 1);
    this.bytes = new Uint8Array(Math.max(this.capacity * 16, end));
    return arrow.makeData({ type: new arrow.Utf8(), length, valueOffsets: offsets, data: bytes, ...this.takeValidity() });
  }
}

/**
 * ROW: a struct of one builder per field. A NULL row's children get their NULLs lazily, all at once before the next
 * present row or at the end (a run of rows without this column — Nexmark's `person` on bid lines — costs a count).
 */
export class StructBuilder extends NullableColumn {
  /** NULL rows not yet appended to the children. */
  private childNullsOwed = 0;
  constructor(private readonly type: arrow.Struct, readonly children: readonly ColumnBuilder[], capacity: number) {
    super(capacity);
  }
  /** Marks the row present; the caller appends one value to every child. */
  markPresent(): void {
    if (this.childNullsOwed > 0) this.payChildNulls();
    this.validity.setValid(this.length++);
  }
  override appendNulls(count: number): void {
    super.appendNulls(count);
    this.childNullsOwed += count;
  }
  private payChildNulls(): void {
    for (let i = 0; i < this.children.length; i++) this.children[i]!.appendNulls(this.childNullsOwed);
    this.childNullsOwed = 0;
  }
  protected appendPresent(value: NonNullable<Value>): void {
    const fields = value as ArrayValue;
    this.markPresent();
    for (let i = 0; i < this.children.length; i++) this.children[i]!.appendValue(fields[i] ?? null);
  }
  finish(): arrow.Data {
    if (this.childNullsOwed > 0) this.payChildNulls();
    const length = this.length;
    const children = this.children.map((child) => child.finish());
    return arrow.makeData({ type: this.type, length, children, ...this.takeValidity() });
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
  appendNulls(count: number): void {
    for (let i = 0; i < count; i++) this.values.push(null);
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
  // Precise timestamps hold bigint nanoseconds; buildVector stores them in the column's micro- or nanoseconds.
  if (isPreciseTimestamp(type)) return new ValueListBuilder(type);
  switch (type.kind) {
    case 'INT': case 'INTERVAL_YEAR_MONTH': case 'DATE': case 'TIME':
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
