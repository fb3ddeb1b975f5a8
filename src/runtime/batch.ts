/**
 * Conversion between Arrow record batches and columns of runtime values (see `src/common/values.ts`).
 *
 * Arrow types: BOOLEAN → Bool, INT → Int32, BIGINT → Int64, FLOAT → Float32, DOUBLE → Float64, DECIMAL(p,s) → Decimal128(p,s),
 * STRING → Utf8, TIMESTAMP(p) → Timestamp(MILLISECOND) for p ≤ 3, Timestamp(MICROSECOND) for p 4–6, Timestamp(NANOSECOND)
 * for p 7–9 (TIMESTAMP_LTZ(p) likewise, with the zone 'UTC'), INTERVAL → Int64 (milliseconds), DATE → Date(DAY),
 * TIME(p) → Time(MILLISECOND), NULL → Null;
 * BYTES, ROW, ARRAY and MAP: see `nested-vectors.ts`.
 */
import * as arrow from 'apache-arrow';
import type { DataType } from '../common/types.js';
import type { Value } from '../common/values.js';
import { InternalError } from '../common/errors.js';
import type { Schema } from '../dataflow/schema.js';
import { buildNestedData, decodeNestedVector, nestedArrowType } from './nested-vectors.js';
import { validityOf as bitmapValidity } from './validity.js';

export function arrowType(type: DataType): arrow.DataType {
  switch (type.kind) {
    case 'BOOLEAN': return new arrow.Bool();
    case 'TINYINT': return new arrow.Int8();
    case 'SMALLINT': return new arrow.Int16();
    case 'INT': case 'INTERVAL_YEAR_MONTH': return new arrow.Int32(); // a year-month interval: months
    case 'BIGINT': return new arrow.Int64();
    case 'FLOAT': return new arrow.Float32();
    case 'DOUBLE': return new arrow.Float64();
    case 'DECIMAL': return new arrow.Decimal(type.scale, type.precision, 128);
    case 'STRING': return new arrow.Utf8();
    case 'TIMESTAMP': return timestampArrowType(type.precision);
    case 'TIMESTAMP_LTZ': return timestampArrowType(type.precision, 'UTC'); // an instant
    case 'INTERVAL': return new arrow.Int64();
    case 'DATE': return new arrow.DateDay();
    case 'TIME': return new arrow.TimeMillisecond();
    case 'NULL': return new arrow.Null();
    case 'BYTES': case 'ROW': case 'ARRAY': case 'MAP': return nestedArrowType(type, arrowType);
  }
}

/** The natural Arrow unit of a timestamp precision: milliseconds up to 3 digits, then micro- and nanoseconds. */
function timestampArrowType(precision: number, zone?: string): arrow.DataType {
  if (precision <= 3) return new arrow.TimestampMillisecond(zone);
  return precision <= 6 ? new arrow.TimestampMicrosecond(zone) : new arrow.TimestampNanosecond(zone);
}

/** Nanoseconds per unit of a precise timestamp's Arrow column (micro- or nanoseconds). */
function nanosPerArrowUnit(precision: number): bigint {
  return precision <= 6 ? 1000n : 1n;
}

export function arrowSchema(schema: Schema): arrow.Schema {
  return new arrow.Schema(schema.fields.map((f) => new arrow.Field(f.name, arrowType(f.type), f.nullable)));
}

/** Builds one Arrow vector from runtime values of `type`. */
export function buildVector(type: DataType, values: readonly Value[]): arrow.Vector {
  const length = values.length;
  switch (type.kind) {
    case 'BYTES': case 'ROW': case 'ARRAY': case 'MAP':
      return arrow.makeVector(buildNestedData(type, values, arrowType, buildChildData));
    case 'DECIMAL':
      return buildDecimalVector(type, values);
    case 'INTERVAL':
    case 'BIGINT': {
      const data = new BigInt64Array(length);
      const validity = validityOf(values);
      for (let i = 0; i < length; i++) {
        const v = values[i];
        if (v !== null && v !== undefined) data[i] = typeof v === 'bigint' ? v : BigInt(v as number);
      }
      return makeVector(new arrow.Int64(), length, data, validity);
    }
    case 'TINYINT':
    case 'SMALLINT': {
      const data = type.kind === 'TINYINT' ? new Int8Array(length) : new Int16Array(length);
      for (let i = 0; i < length; i++) { const v = values[i]; if (v !== null && v !== undefined) data[i] = v as number; }
      return makeVector(arrowType(type), length, data, validityOf(values));
    }
    case 'INT':
    case 'INTERVAL_YEAR_MONTH':
    case 'DATE':
    case 'TIME': {
      const data = new Int32Array(length);
      for (let i = 0; i < length; i++) { const v = values[i]; if (v !== null && v !== undefined) data[i] = v as number; }
      return makeVector(arrowType(type), length, data, validityOf(values));
    }
    case 'FLOAT': {
      const data = new Float32Array(length); // stores each value rounded to float32
      for (let i = 0; i < length; i++) { const v = values[i]; if (v !== null && v !== undefined) data[i] = v as number; }
      return makeVector(new arrow.Float32(), length, data, validityOf(values));
    }
    case 'DOUBLE': {
      const data = new Float64Array(length);
      for (let i = 0; i < length; i++) { const v = values[i]; if (v !== null && v !== undefined) data[i] = v as number; }
      return makeVector(new arrow.Float64(), length, data, validityOf(values));
    }
    case 'STRING':
      return buildUtf8Vector(values);
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': {
      // Arrow's millisecond timestamps are 64-bit; arrow-js stores them as pairs of int32 words.
      const data = new BigInt64Array(length);
      if (type.precision > 3) {
        // Precise timestamps: bigint nanoseconds, stored in micro- or nanoseconds (a value holds no finer digit).
        const unit = nanosPerArrowUnit(type.precision);
        for (let i = 0; i < length; i++) { const v = values[i]; if (v !== null && v !== undefined) data[i] = (v as bigint) / unit; }
        return makeVector(arrowType(type), length, new Int32Array(data.buffer), validityOf(values));
      }
      for (let i = 0; i < length; i++) { const v = values[i]; if (v !== null && v !== undefined) data[i] = BigInt(v as number); }
      return makeVector(arrowType(type), length, new Int32Array(data.buffer), validityOf(values));
    }
    default:
      return arrow.vectorFromArray(values as unknown[], arrowType(type));
  }
}

/**
 * Utf8 without arrow-js' builder (which encodes string by string): the strings are joined and encoded once; when
 * every character is ASCII (one byte each, the common case) the offsets are the string lengths.
 */
function buildUtf8Vector(values: readonly Value[]): arrow.Vector {
  const length = values.length;
  const offsets = new Int32Array(length + 1);
  let text = '';
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (typeof v === 'string') text += v;
    offsets[i + 1] = text.length;
  }
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length !== text.length) {
    // Some multi-byte characters: offsets by each string's byte length.
    let at = 0;
    for (let i = 0; i < length; i++) {
      const v = values[i];
      if (typeof v === 'string') at += Buffer.byteLength(v, 'utf8');
      offsets[i + 1] = at;
    }
  }
  const validity = validityOf(values);
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  return arrow.makeVector(arrow.makeData({
    type: new arrow.Utf8(), length, nullCount: validity.nullCount, valueOffsets: offsets, data,
    ...(validity.nullCount > 0 ? { nullBitmap: validity.bitmap } : {}),
  }));
}

function buildChildData(type: DataType, values: readonly Value[]): arrow.Data {
  const vector = buildVector(type, values);
  if (vector.data.length !== 1) throw new InternalError(`Built ${vector.data.length} chunks for one ${type.kind} column`);
  return vector.data[0]!;
}

function makeVector(type: arrow.DataType, length: number, data: ArrayBufferView, validity: { bitmap: Uint8Array; nullCount: number }): arrow.Vector {
  const props = { type, length, data, nullCount: validity.nullCount, ...(validity.nullCount > 0 ? { nullBitmap: validity.bitmap } : {}) };
  return arrow.makeVector(arrow.makeData(props as never));
}

function validityOf(values: readonly Value[]): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap, nullCount };
}

const MASK32 = 0xffffffffn;

function buildDecimalVector(type: Extract<DataType, { kind: 'DECIMAL' }>, values: readonly Value[]): arrow.Vector {
  const words = new Uint32Array(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const big = v as bigint;
    if (big >= -SAFE && big <= SAFE) {
      // Fast path (most values): the two low words from a double, the high words all sign bits.
      const n = Number(big);
      const low = n >>> 0;
      const high = Math.floor(n / 4294967296);
      words[i * 4] = low;
      words[i * 4 + 1] = high >>> 0;
      const sign = n < 0 ? 0xffffffff : 0;
      words[i * 4 + 2] = sign;
      words[i * 4 + 3] = sign;
      continue;
    }
    let x = BigInt.asUintN(128, big);
    for (let w = 0; w < 4; w++) { words[i * 4 + w] = Number(x & MASK32); x >>= 32n; }
  }
  return makeVector(new arrow.Decimal(type.scale, type.precision, 128), values.length, words, validityOf(values));
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Decodes column `index` of `batch` into runtime values of `type`. */
export function readColumn(batch: arrow.RecordBatch, index: number, type: DataType): Value[] {
  const vector = batch.getChildAt(index);
  if (!vector) throw new InternalError(`Batch has no column ${index}`);
  return decodeVector(vector, type);
}

export function decodeVector(vector: arrow.Vector, type: DataType): Value[] {
  const length = vector.length;
  const out = new Array<Value>(length);
  const hasNulls = vector.nullCount > 0;
  switch (type.kind) {
    case 'BYTES': case 'ROW': case 'ARRAY': case 'MAP':
      return decodeNestedVector(vector, type, decodeVector);
    case 'DECIMAL': {
      let row = 0;
      for (const data of vector.data) {
        const words = data.values as Uint32Array;
        const valid = bitmapValidity(data);
        for (let i = 0; i < data.length; i++, row++) {
          if (hasNulls && !valid(i)) { out[row] = null; continue; }
          const base = i * 4; // sliced Data already offsets `values`
          let x = 0n;
          for (let w = 3; w >= 0; w--) x = (x << 32n) | BigInt(words[base + w]!);
          out[row] = BigInt.asIntN(128, x);
        }
      }
      return out;
    }
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': {
      // 64-bit milliseconds: arrow-js keeps them as int32 word pairs (low, high); sliced Data offsets `values`.
      if (type.precision > 3) return decodePreciseTimestamps(vector, nanosPerArrowUnit(type.precision), out, hasNulls);
      let row = 0;
      for (const data of vector.data) {
        const valid = bitmapValidity(data);
        const values = data.values as Int32Array | BigInt64Array;
        if (values instanceof BigInt64Array) {
          for (let i = 0; i < data.length; i++, row++) out[row] = hasNulls && !valid(i) ? null : Number(values[i]!);
          continue;
        }
        for (let i = 0; i < data.length; i++, row++) {
          out[row] = hasNulls && !valid(i) ? null : (values[2 * i]! >>> 0) + values[2 * i + 1]! * 4294967296;
        }
      }
      return out;
    }
    case 'INTERVAL': {
      for (let i = 0; i < length; i++) { const v = vector.get(i) as bigint | null; out[i] = v === null ? null : Number(v); }
      return out;
    }
    case 'DATE':
    case 'TIME': {
      // Days and milliseconds of the day as stored (arrow-js' get() turns dates into milliseconds).
      let row = 0;
      for (const data of vector.data) {
        const values = data.values as Int32Array;
        const valid = bitmapValidity(data);
        for (let i = 0; i < data.length; i++, row++) out[row] = hasNulls && !valid(i) ? null : values[i]!;
      }
      return out;
    }
    case 'STRING': {
      let row = 0;
      for (const data of vector.data) {
        decodeUtf8Data(data, out, row, hasNulls);
        row += data.length;
      }
      return out;
    }
    default: {
      if (!hasNulls && vector.data.length === 1 && (type.kind === 'INT' || type.kind === 'INTERVAL_YEAR_MONTH' || type.kind === 'FLOAT' || type.kind === 'DOUBLE' || type.kind === 'BIGINT')) {
        const data = vector.data[0]!;
        const values = data.values as Int32Array | Float32Array | Float64Array | BigInt64Array;
        for (let i = 0; i < length; i++) out[i] = values[i] as Value;
        return out;
      }
      for (let i = 0; i < length; i++) out[i] = (vector.get(i) ?? null) as Value;
      return out;
    }
  }
}

/** Micro- or nanosecond timestamps (64-bit, as int32 word pairs or BigInt64) as bigint nanoseconds. */
function decodePreciseTimestamps(vector: arrow.Vector, unit: bigint, out: Value[], hasNulls: boolean): Value[] {
  let row = 0;
  for (const data of vector.data) {
    const valid = bitmapValidity(data);
    const raw = data.values as Int32Array | BigInt64Array;
    if (raw instanceof BigInt64Array || raw.byteOffset % 8 === 0) {
      const values = raw instanceof BigInt64Array ? raw : new BigInt64Array(raw.buffer, raw.byteOffset, data.length);
      for (let i = 0; i < data.length; i++, row++) out[row] = hasNulls && !valid(i) ? null : values[i]! * unit;
      continue;
    }
    for (let i = 0; i < data.length; i++, row++) {
      out[row] = hasNulls && !valid(i) ? null : ((BigInt(raw[2 * i + 1]!) << 32n) | BigInt(raw[2 * i]! >>> 0)) * unit;
    }
  }
  return out;
}

/**
 * Utf8 values without arrow-js' per-row decoder: the data's bytes are decoded once, and when every character is
 * ASCII (one byte each) each value is a substring at its offsets; otherwise each value is decoded from its bytes.
 */
function decodeUtf8Data(data: arrow.Data, out: Value[], start: number, hasNulls: boolean): void {
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const valid = bitmapValidity(data);
  const first = offsets[0]!;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('utf8', first, offsets[data.length]!);
  const ascii = text.length === offsets[data.length]! - first;
  for (let i = 0; i < data.length; i++) {
    if (hasNulls && !valid(i)) { out[start + i] = null; continue; }
    out[start + i] = ascii ? text.slice(offsets[i]! - first, offsets[i + 1]! - first) : buffer.toString('utf8', offsets[i]!, offsets[i + 1]!);
  }
}

/** Builds a record batch in `schema` from one array of values (or ready Arrow data) per field. */
export function makeBatch(schema: Schema, columns: readonly (readonly Value[] | arrow.Data)[], numRows?: number): arrow.RecordBatch {
  const first = columns[0];
  const rows = numRows ?? (first === undefined ? 0 : first.length);
  const target = arrowSchema(schema);
  const children = schema.fields.map((f, i) => {
    const column = columns[i];
    if (!column || column.length !== rows) throw new InternalError(`Column ${f.name} has ${column?.length} values, expected ${rows}`);
    // Arrow data of the column's type is taken as it is (a Calc passing a column through copies nothing).
    return column instanceof arrow.Data ? column : buildVector(f.type, column).data[0]!;
  });
  const struct = arrow.makeData({ type: new arrow.Struct(target.fields), length: rows, nullCount: 0, children });
  return new arrow.RecordBatch(target, struct);
}

/** Decodes every column of a batch: result[column][row]. */
export function readColumns(batch: arrow.RecordBatch, schema: Schema): Value[][] {
  return schema.fields.map((f, i) => readColumn(batch, i, f.type));
}

/** Picks rows by index (ascending or not) from a batch, keeping its schema. */
export function takeRows(batch: arrow.RecordBatch, schema: Schema, indices: readonly number[]): arrow.RecordBatch {
  const columns = readColumns(batch, schema).map((column) => indices.map((i) => column[i]!));
  return makeBatch(schema, columns, indices.length);
}

/** Converts batch rows to arrays of runtime values: rows[row][column]. */
export function batchRows(batch: arrow.RecordBatch, schema: Schema): Value[][] {
  const columns = readColumns(batch, schema);
  const rows: Value[][] = [];
  for (let r = 0; r < batch.numRows; r++) rows.push(columns.map((c) => c[r]!));
  return rows;
}

export function emptyBatch(schema: Schema): arrow.RecordBatch {
  return makeBatch(schema, schema.fields.map(() => []), 0);
}
