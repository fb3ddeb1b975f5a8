/**
 * A chunk of a JSON-lines file — the lines that start in a byte range — read and decoded into Arrow record batches,
 * packed as their buffers (batch-transfer.ts) with the chunk's line and record counts. Decoding workers
 * (json-decode-worker.ts) do it, and the reader's own thread when it would otherwise wait for them
 * (parallel-json-reader.ts). Line numbers in errors count from the chunk's first line; the reader, which knows the
 * lines before, shifts them. Lines go through the columnar decoder or, where it refuses one, the row decoder of the
 * serial path, so values, error messages and locations are the same.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { RecordBatch } from 'apache-arrow';
import { ConnectorError } from '../../common/errors.js';
import type { Schema } from '../../dataflow/schema.js';
import { JsonRowDecoder, type JsonFormatOptions } from '../formats/json.js';
import { ColumnarJsonDecoder } from '../formats/json-columnar.js';
import { hasLongDigitRunInBytes } from '../formats/json-bytes.js';
import { BatchPacker, type Arena, type BatchParts } from './batch-transfer.js';

export interface DecodeWorkerData {
  readonly schema: Schema;
  readonly options: JsonFormatOptions;
  readonly batchSize: number;
}

/** What the reader posts: decode the lines of `path` that start in the byte range [start, end). */
export interface DecodeChunkMessage {
  readonly id: number;
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly displayName: string;
}

/** What a chunk became, in order: batches (with the records consumed up to their last row) and at most one error. */
export type DecodedItem =
  | { readonly kind: 'batch'; readonly batch: BatchParts; readonly recordsThrough: number }
  | { readonly kind: 'error'; readonly detail: string; readonly location: string | undefined; readonly recordsThrough: number };

export interface DecodedChunk {
  readonly id: number;
  readonly items: readonly DecodedItem[];
  /** Records (non-blank lines) in the chunk, malformed ones included. */
  readonly records: number;
  /** Line ends (`\n`) in the chunk: the first line of the next chunk is this chunk's first line plus `lines`. */
  readonly lines: number;
  /** Malformed records skipped under ignore-parse-errors. */
  readonly malformed: number;
  /** The first MAX_SKIPPED_PER_CHUNK of them: what was wrong, where (lines counted from the chunk) and the line. */
  readonly skipped?: readonly SkippedLine[];
  /** The buffers of every batch in `items`. */
  readonly arena?: Arena;
  /** Reading the file failed (the message of the error). */
  readonly readFailure?: string;
}

export interface SkippedLine {
  readonly detail: string;
  readonly location: string | undefined;
  readonly raw: string;
}

/** Skipped lines kept per chunk (the count stays exact): enough to see what goes wrong, not a copy of bad input. */
export const MAX_SKIPPED_PER_CHUNK = 100;

/** What a worker posts once it has loaded and listens: chunks go to it from then on. */
export const WORKER_READY = 'ready';

/** Lines of a chunk: `bytes` holds whole lines; line 1 is the chunk's first; `fileStart` when it starts the file. */
export interface ChunkLines {
  readonly bytes: Uint8Array;
  readonly fileStart: boolean;
  readonly displayName: string;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
// Invalid bytes become U+FFFD; a BOM is kept here and dropped from line 1 only.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes a chunk of JSON lines into batches: each line straight into Arrow columns where the columnar decoder takes
 * it, else through the row decoder (malformed lines, unusual values), with the same rows, errors and positions as
 * the serial reader. A line with a number of 16 digits or more goes through the row decoder (the columnar decoder
 * refuses it), which parses such numbers without rounding them through a double.
 */
export function decodeChunk(
  chunk: ChunkLines, rowDecoder: JsonRowDecoder, columnar: ColumnarJsonDecoder, batchSize: number, ignoreParseErrors: boolean,
): Omit<DecodedChunk, 'id'> {
  const items: DecodedItem[] = [];
  const packer = new BatchPacker();
  const add = (batch: RecordBatch | undefined, recordsThrough: number): void => {
    if (batch) items.push({ kind: 'batch', batch: packer.add(batch), recordsThrough });
  };
  const bytes = chunk.bytes;
  let records = 0;
  let malformed = 0;
  const skipped: SkippedLine[] = [];
  let lines = 0;
  let start = chunk.fileStart && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let lineNumber = 1; start < bytes.length; lineNumber++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    else lines++;
    const lineEnd = end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
    const lineStart = start;
    start = end + 1;
    const first = firstNonBlank(bytes, lineStart, lineEnd);
    if (first === lineEnd) continue; // blank
    if (bytes[first]! < 0x80 && columnar.tryAppend(bytes, first, lineEnd)) {
      records++;
    } else {
      const line = utf8.decode(bytes.subarray(lineStart, lineEnd));
      if (line.trim() === '') continue;
      records++;
      const decoded = rowDecoder.decodeLine(line, chunk.displayName, lineNumber, !hasLongDigitRunInBytes(bytes.subarray(lineStart, lineEnd)));
      if (decoded instanceof ConnectorError) {
        if (ignoreParseErrors) {
          malformed++;
          if (skipped.length < MAX_SKIPPED_PER_CHUNK) skipped.push({ detail: decoded.reason, location: decoded.location, raw: line });
          continue;
        }
        add(columnar.flush(), records - 1);
        items.push({ kind: 'error', detail: decoded.reason, location: decoded.location, recordsThrough: records });
        return { items, records, lines, malformed, skipped, arena: packer.pack() };
      }
      columnar.appendRow(decoded);
    }
    if (columnar.pendingRows >= batchSize) add(columnar.flush(), records);
  }
  add(columnar.flush(), records);
  return { items, records, lines, malformed, skipped, arena: packer.pack() };
}

/** The first byte of `bytes[start, end)` that is not ASCII whitespace (as String.prototype.trim sees it), or end. */
function firstNonBlank(bytes: Uint8Array, start: number, end: number): number {
  while (start < end) {
    const c = bytes[start]!;
    if (c !== 32 && (c < 9 || c > 13)) return start;
    start++;
  }
  return end;
}

const READ_AHEAD = 1 << 16;

/**
 * The lines of the file that start in [start, end): a line starts at 0 or after a `\n`; the last one runs to its
 * `\n` (included) or to the end of the file, past `end` if need be.
 */
export function readChunkLines(path: string, start: number, end: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const from = start === 0 ? 0 : start - 1; // the byte before `start` says whether a line starts there
    let buffer = Buffer.allocUnsafeSlow(end - from + READ_AHEAD);
    let length = readSync(fd, buffer, 0, buffer.length, from);
    const first = start === 0 ? 0 : buffer.subarray(0, length).indexOf(NEWLINE) + 1;
    if (start !== 0 && (first === 0 || first >= end - from)) return new Uint8Array(0); // no line starts in the range
    let last = buffer.subarray(0, length).indexOf(NEWLINE, end - 1 - from);
    while (last < 0 && length === buffer.length) { // the last line runs past what was read
      const grown = Buffer.allocUnsafeSlow(buffer.length * 2);
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
      const read = readSync(fd, buffer, length, buffer.length - length, from + length);
      const searchFrom = length;
      length += read;
      if (read === 0) break;
      last = buffer.subarray(0, length).indexOf(NEWLINE, searchFrom);
    }
    const stop = last < 0 ? length : last + 1;
    return new Uint8Array(buffer.buffer, buffer.byteOffset + first, Math.max(0, stop - first));
  } finally {
    closeSync(fd);
  }
}
