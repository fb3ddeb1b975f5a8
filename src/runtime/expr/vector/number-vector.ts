/**
 * Number vectors: the typed-array form in which vectorised kernels (./compile.ts) evaluate numeric and boolean
 * expressions straight over Arrow buffers, without a JavaScript value per row.
 *
 * Every value is a double: INT, DATE and TIME exactly, DOUBLE as it is, BIGINT, TIMESTAMP(p ≤ 3) and INTERVAL exactly
 * while they lie within ±2^53, DECIMAL as its unscaled value (value × 10^scale, the scale known from the type) within
 * ±2^53 (a column holding a larger value is not read as a number vector: the caller falls
 * back to the row kernels for that batch), BOOLEAN as 0/1. `nulls[i] === 1` marks a NULL; the value there is
 * meaningless (often 0).
 */
import * as arrow from 'apache-arrow';
import type { DataType } from '../../../common/types.js';
import { isPreciseTimestamp } from '../../../common/precise-timestamp.js';

export interface NumberVector {
  readonly values: Float64Array;
  /** 1 where the row is NULL; null when no row is. */
  readonly nulls: Uint8Array | null;
}

/** Types whose values a NumberVector holds (BIGINT, TIMESTAMP and INTERVAL only within ±2^53). */
const NUMBER_KINDS = new Set<DataType['kind']>(['BOOLEAN', 'INT', 'BIGINT', 'DOUBLE', 'DECIMAL', 'TIMESTAMP', 'INTERVAL', 'DATE', 'TIME']);

export function isNumberVectorType(type: DataType): boolean {
  return NUMBER_KINDS.has(type.kind) && !isPreciseTimestamp(type); // TIMESTAMP(4..9) holds bigint nanoseconds
}

/** Bit `offset + i` of an Arrow validity bitmap, expanded to one byte per row (1 = NULL); null without NULLs. */
export function nullsOf(data: arrow.Data): Uint8Array | null {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || bitmap === undefined || bitmap.length === 0) return null;
  const nulls = new Uint8Array(data.length);
  const offset = data.offset;
  for (let i = 0; i < data.length; i++) {
    const bit = offset + i;
    nulls[i] = (bitmap[bit >> 3]! >> (bit & 7)) & 1 ? 0 : 1;
  }
  return nulls;
}

const TWO_32 = 4294967296;
/** |high word| below this keeps a 64-bit integer strictly inside ±2^53. */
const SAFE_HIGH = 2097152;

/**
 * The values of one Arrow column as a number vector, or undefined when they cannot all be held exactly (a 64-bit
 * value beyond ±2^53) or the type is not numeric.
 */
export function readNumberVector(data: arrow.Data, type: DataType): NumberVector | undefined {
  const length = data.length;
  const nulls = nullsOf(data);
  if (!isNumberVectorType(type)) return undefined;
  switch (type.kind) {
    case 'DOUBLE': {
      const values = data.values as Float64Array;
      return { values: values.length === length ? values : values.subarray(0, length), nulls };
    }
    case 'INT': case 'DATE': case 'TIME':
      return { values: Float64Array.from((data.values as Int32Array).subarray(0, length)), nulls };
    case 'BIGINT': case 'INTERVAL': case 'TIMESTAMP': {
      const raw = data.values as Int32Array | BigInt64Array;
      const words = raw instanceof BigInt64Array ? new Int32Array(raw.buffer, raw.byteOffset, raw.length * 2) : raw;
      const values = new Float64Array(length);
      for (let i = 0; i < length; i++) {
        const high = words[2 * i + 1]!;
        if (high >= SAFE_HIGH || high <= -SAFE_HIGH) {
          if (nulls === null || nulls[i] === 0) return undefined;
          continue;
        }
        values[i] = (words[2 * i]! >>> 0) + high * TWO_32;
      }
      return { values, nulls };
    }
    case 'DECIMAL': {
      // Decimal128: four little-endian uint32 words; within ±2^53 the upper two are sign extension.
      const words = data.values as Uint32Array;
      const values = new Float64Array(length);
      for (let i = 0; i < length; i++) {
        const high = words[4 * i + 1]! | 0;
        const sign = high < 0 ? 0xffffffff : 0;
        if (high >= SAFE_HIGH || high <= -SAFE_HIGH || words[4 * i + 2] !== sign || words[4 * i + 3] !== sign) {
          if (nulls === null || nulls[i] === 0) return undefined;
          continue;
        }
        values[i] = words[4 * i]! + high * TWO_32;
      }
      return { values, nulls };
    }
    case 'BOOLEAN': {
      const bits = data.values as Uint8Array;
      const offset = data.offset;
      const values = new Float64Array(length);
      for (let i = 0; i < length; i++) {
        const bit = offset + i;
        values[i] = (bits[bit >> 3]! >> (bit & 7)) & 1;
      }
      return { values, nulls };
    }
    default:
      return undefined;
  }
}

/** The union of two NULL masks (a row is NULL when either side is). */
export function unionNulls(a: Uint8Array | null, b: Uint8Array | null, length: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = a[i]! | b[i]!;
  return out;
}

/** The Arrow data of `type` holding `vector` (the type's Arrow representation, as `buildVector` makes it). */
export function numberVectorData(vector: NumberVector, type: DataType, length: number): arrow.Data {
  const { values, nulls } = vector;
  const validity = validityBitmap(nulls, length);
  const common = { length, nullCount: validity.nullCount, ...(validity.nullCount > 0 ? { nullBitmap: validity.bitmap } : {}) };
  switch (type.kind) {
    case 'DOUBLE':
      return arrow.makeData({ type: new arrow.Float64(), data: values.length === length ? values : values.subarray(0, length), ...common });
    case 'INT':
      return arrow.makeData({ type: new arrow.Int32(), data: Int32Array.from(values.subarray(0, length)), ...common });
    case 'DATE':
      return arrow.makeData({ type: new arrow.DateDay(), data: Int32Array.from(values.subarray(0, length)), ...common });
    case 'TIME':
      return arrow.makeData({ type: new arrow.TimeMillisecond(), data: Int32Array.from(values.subarray(0, length)), ...common });
    case 'BIGINT': case 'INTERVAL':
      return arrow.makeData({ type: new arrow.Int64(), data: new BigInt64Array(int64Words(values, nulls, length).buffer), ...common });
    case 'TIMESTAMP':
      return arrow.makeData({ type: new arrow.TimestampMillisecond(), data: int64Words(values, nulls, length), ...common });
    case 'DECIMAL':
      return arrow.makeData({ type: new arrow.Decimal(type.scale, type.precision, 128), data: decimalWords(values, nulls, length), ...common });
    case 'BOOLEAN': {
      const bits = new Uint8Array((length + 7) >> 3);
      for (let i = 0; i < length; i++) if (values[i] === 1 && (nulls === null || nulls[i] === 0)) bits[i >> 3]! |= 1 << (i & 7);
      return arrow.makeData({ type: new arrow.Bool(), data: bits, ...common });
    }
    default:
      throw new TypeError(`No number-vector form for ${type.kind}`);
  }
}

/** Little-endian (low, high) int32 word pairs of integral doubles within ±2^53. */
function int64Words(values: Float64Array, nulls: Uint8Array | null, length: number): Int32Array {
  const words = new Int32Array(length * 2);
  for (let i = 0; i < length; i++) {
    if (nulls !== null && nulls[i] === 1) continue;
    const v = values[i]!;
    words[2 * i] = v % TWO_32; // ToInt32 of the remainder gives the low word for either sign
    words[2 * i + 1] = Math.floor(v / TWO_32);
  }
  return words;
}

/** Decimal128 words of integral doubles within ±2^53 (the upper two words sign extension). */
function decimalWords(values: Float64Array, nulls: Uint8Array | null, length: number): Uint32Array {
  const words = new Uint32Array(length * 4);
  for (let i = 0; i < length; i++) {
    if (nulls !== null && nulls[i] === 1) continue;
    const v = values[i]!;
    words[4 * i] = v % TWO_32;
    words[4 * i + 1] = Math.floor(v / TWO_32);
    const sign = v < 0 ? 0xffffffff : 0;
    words[4 * i + 2] = sign;
    words[4 * i + 3] = sign;
  }
  return words;
}

const NO_NULLS = { bitmap: new Uint8Array(0), nullCount: 0 };

function validityBitmap(nulls: Uint8Array | null, length: number): { bitmap: Uint8Array; nullCount: number } {
  if (nulls === null) return NO_NULLS; // no bitmap is handed over without NULLs
  const bitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (nulls !== null && nulls[i] === 1) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap, nullCount };
}
