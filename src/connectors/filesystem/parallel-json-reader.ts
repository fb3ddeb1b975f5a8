/**
 * JSON lines decoded on other cores: worker threads (json-decode-worker.ts) each read a chunk of the file — the lines
 * that start in a 1 MiB byte range — decode it and send back Arrow buffers; this thread puts the batches back
 * together, in file order, and keeps the query. Chunks go to the workers in turn, two per worker in flight, so
 * reading, decoding and the query overlap. When the query has caught up and the next chunk is not decoded yet, this
 * thread decodes a later chunk itself instead of waiting (json-chunk-decoder.ts; at most LOCAL_AHEAD ahead): a
 * query too light to keep a core busy (Nexmark q0–q2) then shares the decoding, and a heavy one never waits, so it
 * decodes nothing. A worker gets chunks only once it has started (loading its modules takes a few hundred
 * milliseconds): until then this thread decodes the chunks in order itself. Results are those of the serial reader (same decoders, same order, line numbers in errors shifted
 * by the lines of the chunks before); only batch boundaries differ (a batch never spans chunks), which Sluice's
 * results never depend on.
 */
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { RecordBatch } from 'apache-arrow';
import { ConnectorError, InternalError } from '../../common/errors.js';
import type { Schema } from '../../dataflow/schema.js';
import { BatchUnpacker } from './batch-transfer.js';
import { JsonRowDecoder, type JsonFormatOptions } from '../formats/json.js';
import { ColumnarJsonDecoder } from '../formats/json-columnar.js';
import { skippedRecord, type SkippedRecord } from '../../runtime/connector.js';
import { WORKER_READY, decodeChunk, readChunkLines, type DecodeChunkMessage, type DecodedChunk, type DecodeWorkerData } from './json-chunk-decoder.js';

const CHUNK_BYTES = 1 << 20;
const IN_FLIGHT_PER_WORKER = 2;
/** Chunks this thread may have decoded ahead of the one the query reads next. */
const LOCAL_AHEAD = 2;
/** Chunks decoded or being decoded ahead of the query, at most (each holds about its 1 MiB of text as Arrow buffers). */
const MAX_AHEAD = 8;

export interface DecodedBatch {
  readonly batch: RecordBatch;
  /** Records of the file (malformed ones included) up to and including this batch's last row. */
  readonly recordsThrough: number;
}

/** A `file:line[:column]` location with the line moved by `lines` (worker locations count from their chunk). */
export function shiftLocation(location: string, displayName: string, lines: number): string {
  const prefix = `${displayName}:`;
  if (!location.startsWith(prefix)) return location;
  const match = /^(\d+)(:\d+)?$/.exec(location.slice(prefix.length));
  return match ? `${prefix}${Number(match[1]) + lines}${match[2] ?? ''}` : location;
}

export class ParallelJsonReader {
  private readonly workers: Worker[];
  /** Workers that have started and listen (in the order they did). */
  private readonly ready: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (chunk: DecodedChunk) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;
  private nextId = 0;
  /** This thread's decoders, made on its first chunk. */
  private local: { rows: JsonRowDecoder; columns: ColumnarJsonDecoder } | undefined;
  /** Chunks decoded on this thread (for tests and metrics). */
  localChunks = 0;

  constructor(
    private readonly schema: Schema, private readonly options: JsonFormatOptions, private readonly batchSize: number, threads: number,
    /** Malformed records skipped under ignore-parse-errors: how many, and the first of them with their file positions. */
    private readonly onMalformed: (count: number, skipped: readonly SkippedRecord[]) => void,
  ) {
    const workerData: DecodeWorkerData = { schema, options, batchSize };
    this.workers = Array.from({ length: Math.max(1, threads) }, () => this.startWorker(workerData));
  }

  /** Decodes a chunk on this thread, as a worker would. */
  private decodeHere(chunk: Omit<DecodeChunkMessage, 'id'>): DecodedChunk {
    this.local ??= { rows: new JsonRowDecoder(this.schema, this.options), columns: new ColumnarJsonDecoder(this.schema, this.options.failOnMissingField, this.batchSize, this.options.readMask) };
    const bytes = readChunkLines(chunk.path, chunk.start, chunk.end);
    this.localChunks++;
    const decoded = decodeChunk({ bytes, fileStart: chunk.start === 0, displayName: chunk.displayName }, this.local.rows, this.local.columns, this.batchSize, this.options.ignoreParseErrors);
    return { id: -1, ...decoded };
  }

  private startWorker(workerData: DecodeWorkerData): Worker {
    // Compiled, the worker is the .js beside this module; run from source (tests, tsx), the .ts through tsx's loader.
    const worker = import.meta.url.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./json-decode-worker.ts', import.meta.url).href)}); });`, { eval: true, workerData })
      : new Worker(new URL('./json-decode-worker.js', import.meta.url), { workerData });
    worker.on('message', (chunk: DecodedChunk | typeof WORKER_READY) => {
      if (chunk === WORKER_READY) {
        this.ready.push(worker);
        return;
      }
      const waiter = this.waiting.get(chunk.id);
      this.waiting.delete(chunk.id);
      if (chunk.readFailure !== undefined) waiter?.reject(new Error(chunk.readFailure));
      else waiter?.resolve(chunk);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(new InternalError(`A JSON decoding worker stopped with exit code ${code}`));
    });
    return worker;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  private decode(chunk: Omit<DecodeChunkMessage, 'id'>, worker: Worker): Promise<DecodedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const result = new Promise<DecodedChunk>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    worker.postMessage({ ...chunk, id } satisfies DecodeChunkMessage);
    return result;
  }

  /** The file's batches in order; a malformed record (without ignore-parse-errors) throws its ConnectorError in its place. */
  async *batches(path: string, displayName: string, signal: AbortSignal): AsyncIterable<DecodedBatch> {
    const size = (await stat(path)).size;
    const chunks = Math.ceil(size / CHUNK_BYTES);
    const pending: PendingChunk[] = [];
    let next = 0;
    let local = 0; // chunks in `pending` decoded here
    let worker = 0;
    const range = (index: number): Omit<DecodeChunkMessage, 'id'> => {
      const start = index * CHUNK_BYTES;
      return { path, start, end: Math.min(size, start + CHUNK_BYTES), displayName };
    };
    // Only chunks still being decoded count as a worker's load: one it has finished but the query has not taken yet
    // must not leave it idle (it did, ~15% of the time, on Nexmark q0). MAX_AHEAD bounds the decoded chunks held.
    const dispatch = (): void => {
      const workerLoad = this.ready.length * IN_FLIGHT_PER_WORKER;
      while (this.ready.length > 0 && next < chunks && pending.length < MAX_AHEAD && pending.filter((p) => !p.settled).length < workerLoad) {
        pending.push(settling(this.decode(range(next++), this.ready[worker++ % this.ready.length]!)));
      }
    };
    const decodeHereSettled = (index: number): PendingChunk => {
      let decoded: DecodedChunk;
      try {
        decoded = this.decodeHere(range(index));
      } catch (error) {
        decoded = { id: -1, items: [], records: 0, lines: 0, malformed: 0, readFailure: error instanceof Error ? error.message : String(error) };
      }
      const failure = decoded.readFailure;
      return { settled: true, local: true, promise: failure === undefined ? Promise.resolve(decoded) : Promise.reject(new Error(failure)) };
    };
    // The next chunk is still with a worker: decode a later one here rather than wait.
    const helpWhileWaiting = (): void => {
      while (!pending[0]!.settled && next < chunks && local < LOCAL_AHEAD) {
        pending.push(decodeHereSettled(next++));
        local++;
      }
    };
    let recordsBefore = 0;
    let linesBefore = 0;
    try {
      dispatch();
      while (pending.length > 0 || next < chunks) {
        if (signal.aborted) return;
        if (this.failure) throw this.failure;
        if (pending.length === 0) {
          // No worker has started yet: the next chunk, here.
          pending.push(decodeHereSettled(next++));
          local++;
          // A worker's start is only seen on the event loop.
          await new Promise((resolve) => setImmediate(resolve));
        }
        // A worker's result is only seen once this thread gets back to its event loop: look before helping.
        if (!pending[0]!.settled) await new Promise((resolve) => setImmediate(resolve));
        dispatch();
        helpWhileWaiting();
        const first = pending.shift()!;
        if (first.local) local--;
        const decoded = await first.promise;
        dispatch();
        if (decoded.malformed > 0) {
          const skipped = (decoded.skipped ?? []).map((line) =>
            skippedRecord({ reason: line.detail, location: line.location === undefined ? undefined : shiftLocation(line.location, displayName, linesBefore) }, line.raw),
          );
          this.onMalformed(decoded.malformed, skipped);
        }
        const unpacker = decoded.arena ? new BatchUnpacker(this.schema, decoded.arena) : undefined;
        for (const item of decoded.items) {
          if (item.kind === 'error') {
            const location = item.location === undefined ? undefined : shiftLocation(item.location, displayName, linesBefore);
            throw new ConnectorError(item.detail, { ...(location !== undefined ? { location } : {}) });
          }
          yield { batch: unpacker!.batch(item.batch), recordsThrough: recordsBefore + item.recordsThrough };
        }
        recordsBefore += decoded.records;
        linesBefore += decoded.lines;
      }
    } finally {
      // Results of chunks abandoned by an error or cancellation are dropped when they arrive.
      for (const abandoned of pending) abandoned.promise.catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.waiting.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** A chunk on its way: decoded here (`local`) or by a worker; `settled` once its result is in. */
interface PendingChunk {
  readonly promise: Promise<DecodedChunk>;
  readonly local: boolean;
  settled: boolean;
}

function settling(promise: Promise<DecodedChunk>): PendingChunk {
  const pending: PendingChunk = { promise, local: false, settled: false };
  promise.then(() => { pending.settled = true; }, () => { pending.settled = true; });
  return pending;
}
