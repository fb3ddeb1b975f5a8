/**
 * Gathering selected rows of an Arrow column straight from its buffers (what a filter keeps of a column it passes
 * through), for fixed-width types and UTF-8 strings; other types return undefined and are decoded instead.
 */
import * as arrow from 'apache-arrow';
import type { DataType } from '../../../common/types.js';
import type { NumberVector } from './number-vector.js';

/** Rows `rows` (ascending positions) of `data`, or undefined when its type is not gathered here. */
export function takeData(data: arrow.Data, type: DataType, rows: Int32Array): arrow.Data | undefined {
  switch (type.kind) {
    // widths in 32-bit words
    case 'INT': case 'INTERVAL_YEAR_MONTH': case 'DATE': case 'TIME': return takeFixed(data, rows, 1);
    case 'DOUBLE': case 'BIGINT': case 'INTERVAL': case 'TIMESTAMP': return takeFixed(data, rows, 2);
    case 'DECIMAL': return takeFixed(data, rows, 4);
    case 'STRING': return takeUtf8(data, rows);
    default: return undefined;
  }
}

/** Rows `rows` of a number vector. */
export function takeNumbers(vector: NumberVector, rows: Int32Array): NumberVector {
  const values = new Float64Array(rows.length);
  let nulls: Uint8Array | null = null;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    values[k] = vector.values[i]!;
    if (vector.nulls !== null && vector.nulls[i] === 1) (nulls ??= new Uint8Array(rows.length))[k] = 1;
  }
  return { values, nulls };
}

type Words = Int32Array | Uint32Array | Float64Array | BigInt64Array;
type WordsClass = new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => Words;

/** Runs of consecutive selected rows at least this long are copied as one block instead of row by row. */
const BLOCK_ROWS = 8;

/** How many rows from `rows[k]` on are consecutive positions (at least 1). */
function runLength(rows: Int32Array, k: number): number {
  const first = rows[k]!;
  let n = 1;
  while (k + n < rows.length && rows[k + n] === first + n) n++;
  return n;
}

/**
 * Fixed-width rows of `width` 32-bit words, copied word by word (no BigInt or float boxing), typed as the source;
 * runs of consecutive rows (what a filter keeping most rows leaves) as blocks.
 */
function takeFixed(data: arrow.Data, rows: Int32Array, width: number): arrow.Data {
  const values = data.values as Words;
  const source = new Int32Array(values.buffer, values.byteOffset, values.byteLength >> 2);
  const length = rows.length;
  const target = new Int32Array(length * width);
  for (let k = 0; k < length;) {
    const run = runLength(rows, k);
    const from = rows[k]! * width;
    if (run >= BLOCK_ROWS) target.set(source.subarray(from, from + run * width), k * width);
    else for (let w = 0, n = run * width; w < n; w++) target[k * width + w] = source[from + w]!;
    k += run;
  }
  const typed = new (values.constructor as WordsClass)(target.buffer);
  return arrow.makeData({ type: data.type, length, data: typed, ...takeValidity(data, rows) } as never);
}

/** UTF-8 rows: offsets rebased, bytes copied one block per run of consecutive rows. */
function takeUtf8(data: arrow.Data, rows: Int32Array): arrow.Data {
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const length = rows.length;
  const outOffsets = new Int32Array(length + 1);
  let size = 0;
  for (let k = 0; k < length; k++) {
    const i = rows[k]!;
    size += offsets[i + 1]! - offsets[i]!;
    outOffsets[k + 1] = size;
  }
  const outBytes = new Uint8Array(size);
  for (let k = 0; k < length;) {
    const run = runLength(rows, k);
    const first = rows[k]!;
    const start = offsets[first]!;
    const end = offsets[first + run]!;
    if (end - start > 32) outBytes.set(bytes.subarray(start, end), outOffsets[k]!);
    else for (let from = start, to = outOffsets[k]!; from < end; from++, to++) outBytes[to] = bytes[from]!;
    k += run;
  }
  const validity = takeValidity(data, rows);
  return arrow.makeData({ type: new arrow.Utf8(), length, valueOffsets: outOffsets, data: outBytes, ...validity });
}

function takeValidity(data: arrow.Data, rows: Int32Array): { nullCount: number; nullBitmap?: Uint8Array } {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || bitmap === undefined || bitmap.length === 0) return { nullCount: 0 };
  const out = new Uint8Array((rows.length + 7) >> 3);
  let nullCount = 0;
  for (let k = 0; k < rows.length; k++) {
    const bit = data.offset + rows[k]!;
    if ((bitmap[bit >> 3]! >> (bit & 7)) & 1) out[k >> 3]! |= 1 << (k & 7);
    else nullCount++;
  }
  return nullCount === 0 ? { nullCount: 0 } : { nullCount, nullBitmap: out };
}
