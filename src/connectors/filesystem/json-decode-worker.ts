/**
 * A worker thread that decodes JSON lines into Arrow record batches for the filesystem source (see
 * parallel-json-reader.ts): chunks of whole lines in, batches out as Arrow IPC (transferred, not copied), in order.
 * It runs the same decoder as the serial path, so values, error messages and locations are the same.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RecordBatch, Table, tableToIPC } from 'apache-arrow';
import { ConnectorError } from '../../common/errors.js';
import type { Schema } from '../../dataflow/schema.js';
import { hasLongDigitRun, JsonRowDecoder, type JsonFormatOptions } from '../formats/json.js';
import { RowBatcher } from '../row-batcher.js';

export interface DecodeWorkerData {
  readonly schema: Schema;
  readonly options: JsonFormatOptions;
  readonly batchSize: number;
}

export interface DecodeChunk {
  readonly id: number;
  /** Whole lines, each ending with `\n` (the last one may lack it at the end of the file). */
  readonly text: string;
  /** The 1-based line number of the chunk's first line in its file. */
  readonly firstLine: number;
  readonly displayName: string;
}

/** What the reader posts: the chunk's UTF-8 bytes (transferred, not copied), decoded to text by the worker. */
export interface DecodeChunkMessage {
  readonly id: number;
  readonly bytes: Uint8Array;
  /** The 1-based line number of the chunk's first line in its file. */
  readonly firstLine: number;
  readonly displayName: string;
}

/** What a chunk became, in order: batches (with the records consumed up to their last row) and at most one error. */
export type DecodedItem =
  | { readonly kind: 'batch'; readonly ipc: Uint8Array; readonly rows: number; readonly recordsThrough: number }
  | { readonly kind: 'error'; readonly detail: string; readonly location: string | undefined; readonly recordsThrough: number };

export interface DecodedChunk {
  readonly id: number;
  readonly items: readonly DecodedItem[];
  /** Records (non-blank lines) in the chunk, malformed ones included. */
  readonly records: number;
  /** Malformed records skipped under ignore-parse-errors. */
  readonly malformed: number;
}

export function decodeChunk(chunk: DecodeChunk, decoder: JsonRowDecoder, schema: Schema, batchSize: number, ignoreParseErrors: boolean): DecodedChunk {
  const items: DecodedItem[] = [];
  const batcher = new RowBatcher(schema, batchSize);
  const add = (batch: RecordBatch | undefined, recordsThrough: number): void => {
    if (batch) items.push({ kind: 'batch', ipc: tableToIPC(new Table(batch), 'stream'), rows: batch.numRows, recordsThrough });
  };
  let records = 0;
  let malformed = 0;
  let start = 0;
  const shortNumbers = !hasLongDigitRun(chunk.text);
  for (let lineNumber = chunk.firstLine; start < chunk.text.length; lineNumber++) {
    let end = chunk.text.indexOf('\n', start);
    if (end < 0) end = chunk.text.length;
    let line = chunk.text.slice(start, end > start && chunk.text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') continue;
    records++;
    const decoded = decoder.decodeLine(line, chunk.displayName, lineNumber, shortNumbers);
    if (decoded instanceof ConnectorError) {
      if (ignoreParseErrors) {
        malformed++;
        continue;
      }
      add(batcher.flush(), records - 1);
      const suffix = decoded.location === undefined ? '' : ` (at ${decoded.location})`;
      const detail = decoded.detail.endsWith(suffix) ? decoded.detail.slice(0, decoded.detail.length - suffix.length) : decoded.detail;
      items.push({ kind: 'error', detail, location: decoded.location, recordsThrough: records });
      return { id: chunk.id, items, records, malformed };
    }
    add(batcher.add(decoded), records);
  }
  add(batcher.flush(), records);
  return { id: chunk.id, items, records, malformed };
}

if (parentPort && workerData) {
  const { schema, options, batchSize } = workerData as DecodeWorkerData;
  const decoder = new JsonRowDecoder(schema, options);
  const port = parentPort;
  // Invalid bytes become U+FFFD, as when the reader decoded them; a BOM is kept here and dropped from line 1 only.
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  port.on('message', ({ bytes, ...chunk }: DecodeChunkMessage) => {
    const decoded = decodeChunk({ ...chunk, text: utf8.decode(bytes) }, decoder, schema, batchSize, options.ignoreParseErrors);
    const transfer = [...new Set(decoded.items.flatMap((item) => (item.kind === 'batch' ? [item.ipc.buffer as ArrayBuffer] : [])))];
    port.postMessage(decoded, transfer);
  });
}
