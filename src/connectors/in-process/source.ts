/**
 * The `in-process` source: rows handed to the embedded API as objects keyed by column name (an Iterable or an
 * AsyncIterable). TIMESTAMP accepts `yyyy-MM-dd HH:mm:ss[.SSS]` strings, Date (its UTC wall clock) or epoch
 * milliseconds; DECIMAL and BIGINT accept strings and bigints (exact) or numbers. Missing keys are NULL.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordBatch } from 'apache-arrow';
import { ConnectorError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import type { SourceContext, SourceReader } from '../../runtime/connector.js';
import { ConversionProblem, convertValue, describeInput, fieldProblemMessage } from '../formats/convert.js';
import { RowBatcher } from '../row-batcher.js';
import { arrowSchema } from '../../runtime/batch.js';

export type InProcessRows = Iterable<object> | AsyncIterable<object>;

export type InProcessBatches = Iterable<RecordBatch> | AsyncIterable<RecordBatch>;

/** A table registered through the embedded API, looked up by table name: objects to convert, or ready batches. */
export type InProcessSource = { readonly rows: InProcessRows } | { readonly batches: InProcessBatches };

export const IN_PROCESS_CONNECTOR = 'in-process';

const IN_PROCESS_POLICY = { epochMillisNumbers: true } as const;

/** Converts one object to values in schema order; throws ConnectorError naming table, 1-based row and field. */
export function convertInProcessRow(table: string, schema: Schema, row: unknown, rowNumber: number): Value[] {
  const location = `in-process table '${table}' row ${rowNumber}`;
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    throw new ConnectorError(`Row ${rowNumber} of in-process table '${table}' is not an object: ${describeInput(row)}`, { location });
  }
  const object = row as Record<string, unknown>;
  const values = new Array<Value>(schema.fields.length);
  for (let i = 0; i < schema.fields.length; i++) {
    const field = schema.fields[i]!;
    const converted = convertValue(object[field.name], field.type, IN_PROCESS_POLICY);
    if (converted instanceof ConversionProblem) {
      throw new ConnectorError(fieldProblemMessage(field.name, field.type, converted), { location });
    }
    values[i] = converted;
  }
  return values;
}

type Next = IteratorResult<object> | 'idle' | 'aborted';

export class InProcessSourceReader implements SourceReader {
  /** Rows consumed up to the last batch yielded (the checkpoint position). */
  private yieldedRows = 0;

  constructor(private readonly table: string, private readonly schema: Schema, private readonly source: InProcessSource) {}

  /**
   * Checkpoints: the number of rows consumed. A restored reader skips that many rows of the iterable, which is right
   * for one that can be iterated again from the start (an array) or a fresh replay of the same stream.
   */
  snapshotPosition(): { readonly rows: number } {
    return { rows: this.yieldedRows };
  }

  /**
   * Rows are batched up to `batchSize`; for an AsyncIterable a partial batch is also sent whenever the producer
   * has nothing ready (so a live feed is not held back), and cancellation does not wait for the next row.
   */
  async *read(context: SourceContext): AsyncIterable<RecordBatch> {
    if ('batches' in this.source) {
      yield* this.readBatches(this.source.batches, context);
      return;
    }
    const batcher = new RowBatcher(this.schema, context.batchSize);
    const rows = this.source.rows;
    const isAsync = Symbol.asyncIterator in rows;
    const iterator = isAsync ? (rows as AsyncIterable<object>)[Symbol.asyncIterator]() : undefined;
    const syncIterator = isAsync ? undefined : (rows as Iterable<object>)[Symbol.iterator]();
    const aborted = new Promise<'aborted'>((resolve) => {
      if (context.signal.aborted) resolve('aborted');
      else context.signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    let rowNumber = 0;
    const skip = (context.startPosition as { rows?: number } | undefined)?.rows ?? 0;
    this.yieldedRows = skip;
    let pending: Promise<IteratorResult<object>> | undefined;
    let completed = false;
    try {
      for (;;) {
        if (context.signal.aborted) return;
        let next: Next;
        if (syncIterator) next = syncIterator.next();
        else {
          pending ??= iterator!.next();
          const idle = batcher.pendingRows > 0 ? new Promise<'idle'>((resolve) => setImmediate(() => resolve('idle'))) : undefined;
          next = await Promise.race(idle ? [pending, aborted, idle] : [pending, aborted]);
          if (next !== 'idle') pending = undefined;
        }
        if (next === 'aborted') return;
        if (next === 'idle') {
          const partial = batcher.flush();
          this.yieldedRows = rowNumber;
          if (partial) yield this.counted(partial, context);
          continue;
        }
        if (next.done) { completed = true; break; }
        rowNumber++;
        if (rowNumber <= skip) continue;
        const batch = batcher.add(convertInProcessRow(this.table, this.schema, next.value, rowNumber));
        if (batch) {
          this.yieldedRows = rowNumber;
          yield this.counted(batch, context);
          if (syncIterator) await nextTurn(); // an endless sync iterable must not starve timers and cancellation
        }
      }
      const last = batcher.flush();
      this.yieldedRows = rowNumber;
      if (last && !context.signal.aborted) yield this.counted(last, context);
    } finally {
      if (!completed) {
        void iterator?.return?.()?.catch(() => undefined);
        syncIterator?.return?.();
      }
    }
  }

  /** Ready batches, checked against the table's Arrow schema and passed on as they are (cut to the batch size). */
  private async *readBatches(batches: InProcessBatches, context: SourceContext): AsyncIterable<RecordBatch> {
    const expected = arrowSchema(this.schema).fields.map((f) => String(f.type));
    const skip = (context.startPosition as { rows?: number } | undefined)?.rows ?? 0;
    let consumed = 0;
    this.yieldedRows = skip;
    let index = 0;
    for await (const batch of batches) {
      index++;
      if (context.signal.aborted) return;
      const actual = batch.schema.fields.map((f) => String(f.type));
      if (actual.length !== expected.length || actual.some((type, i) => type !== expected[i])) {
        throw new ConnectorError(`Batch ${index} of in-process table '${this.table}' has columns (${actual.join(', ')}), expected (${expected.join(', ')})`, {
          location: `in-process table '${this.table}' batch ${index}`,
        });
      }
      for (let offset = 0; offset < batch.numRows; offset += context.batchSize) {
        const end = Math.min(batch.numRows, offset + context.batchSize);
        const from = Math.max(offset, skip - consumed);
        consumed += end - offset;
        if (from >= end) continue;
        this.yieldedRows = consumed;
        yield this.counted(from === 0 && end === batch.numRows ? batch : batch.slice(from, end), context);
      }
    }
  }

  private counted(batch: RecordBatch, context: SourceContext): RecordBatch {
    context.metrics.recordsRead += batch.numRows;
    return batch;
  }
}
