/**
 * JSON lines decoded on a second core: this thread reads the file and cuts it into chunks of whole lines (as bytes,
 * transferred to the worker without copying or decoding them here); a worker thread (json-decode-worker.ts) parses them and builds the Arrow batches, which come back as Arrow IPC in file order.
 * The query keeps this thread. Two chunks are in flight, so reading, decoding and the query overlap. Results are
 * those of the serial reader (same decoder, same order); only batch boundaries differ (a batch never spans chunks),
 * which Sluice's results never depend on.
 */
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { tableFromIPC, type RecordBatch } from 'apache-arrow';
import { ConnectorError, InternalError } from '../../common/errors.js';
import type { Schema } from '../../dataflow/schema.js';
import type { JsonFormatOptions } from '../formats/json.js';
import type { DecodeChunkMessage, DecodedChunk, DecodeWorkerData } from './json-decode-worker.js';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;
const IN_FLIGHT = 2;

export interface DecodedBatch {
  readonly batch: RecordBatch;
  /** Records of the file (malformed ones included) up to and including this batch's last row. */
  readonly recordsThrough: number;
}

export class ParallelJsonReader {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (chunk: DecodedChunk) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;
  private nextId = 0;

  constructor(schema: Schema, options: JsonFormatOptions, batchSize: number, private readonly onMalformed: (count: number) => void) {
    const workerData: DecodeWorkerData = { schema, options, batchSize };
    // Compiled, the worker is the .js beside this module; run from source (tests, tsx), the .ts through tsx's loader.
    this.worker = import.meta.url.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./json-decode-worker.ts', import.meta.url).href)}); });`, { eval: true, workerData })
      : new Worker(new URL('./json-decode-worker.js', import.meta.url), { workerData });
    this.worker.on('message', (chunk: DecodedChunk) => {
      const waiter = this.waiting.get(chunk.id);
      this.waiting.delete(chunk.id);
      waiter?.resolve(chunk);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new InternalError(`The JSON decoding worker stopped with exit code ${code}`));
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  private decode(chunk: Omit<DecodeChunkMessage, 'id'>): Promise<DecodedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const result = new Promise<DecodedChunk>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // A copy of its own (a stream's buffers share pooled memory), handed over to the worker.
    const bytes = new Uint8Array(chunk.bytes);
    this.worker.postMessage({ ...chunk, bytes, id } satisfies DecodeChunkMessage, [bytes.buffer]);
    return result;
  }

  /** The file's batches in order; a malformed record (without ignore-parse-errors) throws its ConnectorError in its place. */
  async *batches(path: string, displayName: string, signal: AbortSignal): AsyncIterable<DecodedBatch> {
    const pending: Promise<DecodedChunk>[] = [];
    let recordsBefore = 0;
    const drain = async function* (this: ParallelJsonReader, keep: number): AsyncGenerator<DecodedBatch> {
      while (pending.length > keep) {
        const decoded = await pending.shift()!;
        this.onMalformed(decoded.malformed);
        for (const item of decoded.items) {
          if (item.kind === 'error') throw new ConnectorError(item.detail, { ...(item.location !== undefined ? { location: item.location } : {}) });
          const batch = tableFromIPC(item.ipc).batches[0];
          if (batch) yield { batch, recordsThrough: recordsBefore + item.recordsThrough };
        }
        recordsBefore += decoded.records;
      }
    }.bind(this);
    const input = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    let carried: Buffer = Buffer.alloc(0);
    let firstLine = 1;
    try {
      for await (const piece of input as AsyncIterable<Buffer>) {
        if (signal.aborted) return;
        const data = carried.length === 0 ? piece : Buffer.concat([carried, piece]);
        // A newline byte never occurs inside a multi-byte UTF-8 character: chunks cut after one decode on their own.
        const cut = data.lastIndexOf(NEWLINE) + 1;
        if (data.length < CHUNK_BYTES || cut === 0) {
          carried = data;
          continue;
        }
        const chunk = data.subarray(0, cut);
        carried = data.subarray(cut);
        pending.push(this.decode({ bytes: chunk, firstLine, displayName }));
        firstLine += countLines(chunk);
        yield* drain(IN_FLIGHT - 1);
      }
      if (carried.length > 0) pending.push(this.decode({ bytes: carried, firstLine, displayName }));
      yield* drain(0);
    } finally {
      input.destroy();
      // Results of chunks abandoned by an error or cancellation are dropped when they arrive.
      for (const abandoned of pending) abandoned.catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.waiting.clear();
    await this.worker.terminate();
  }
}

function countLines(bytes: Buffer): number {
  let lines = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) lines++;
  return lines;
}
