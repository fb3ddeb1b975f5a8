/**
 * The `datagen` source: generated rows paced at `rows-per-second` with timers, bounded by `number-of-rows`
 * and by any sequence field's end, otherwise running until the job is cancelled.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { RecordBatch } from 'apache-arrow';
import type { Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { makeBatch } from '../../runtime/batch.js';
import type { SourceContext, SourceReader } from '../../runtime/connector.js';
import { createGenerator, sequenceLength, type ValueGenerator } from './generators.js';
import type { DatagenOptions } from './options.js';
import { SeededRandom } from './random.js';

/** Rows to produce: the smallest of `number-of-rows` and every sequence's length; Infinity if unbounded. */
export function datagenRowLimit(options: DatagenOptions): number {
  let limit = options.numberOfRows ?? Number.POSITIVE_INFINITY;
  for (const spec of options.fields) {
    const length = sequenceLength(spec);
    if (length !== undefined && Number(length) < limit) limit = Number(length);
  }
  return limit;
}

/** Where a datagen source is: rows produced and the random generator's state after them. */
interface DatagenPosition {
  readonly produced: number;
  readonly random: number;
}

export class DatagenSource implements SourceReader {
  private position: DatagenPosition | undefined;
  /** The RNG state before the first row (the seed, or entropy chosen once per reader). */
  private readonly initialState: number;

  constructor(private readonly schema: Schema, private readonly options: DatagenOptions, private readonly now: () => number = Date.now) {
    this.initialState = (options.seed === undefined ? SeededRandom.fromEntropy() : new SeededRandom(options.seed)).currentState;
  }

  /** Checkpoints: rows produced and the RNG state, so a restored source continues the same stream (timestamps aside: they follow the wall clock). */
  snapshotPosition(): DatagenPosition {
    return this.position ?? { produced: 0, random: this.initialState };
  }

  async *read(context: SourceContext): AsyncIterable<RecordBatch> {
    const start = context.startPosition as DatagenPosition | undefined;
    const random = new SeededRandom(start ? start.random : this.initialState);
    this.position = { produced: start?.produced ?? 0, random: random.currentState };
    const generators: ValueGenerator[] = this.schema.fields.map((f, i) => createGenerator(this.options.fields[i]!, f.type, random, this.now));
    const limit = datagenRowLimit(this.options);
    const rate = this.options.rowsPerSecond;
    // Small batches at low rates so rows arrive steadily (about 20 batches a second at most).
    const batchSize = Math.max(1, Math.min(context.batchSize, Math.ceil(rate / 20)));
    let produced = start?.produced ?? 0;
    const startedAt = performance.now() - (produced * 1000) / rate;
    let batchesWithoutPause = 0;
    while (produced < limit && !context.signal.aborted) {
      const dueAt = startedAt + (produced * 1000) / rate;
      const wait = dueAt - performance.now();
      if (wait > 1) {
        batchesWithoutPause = 0;
        try {
          await sleep(wait, undefined, { signal: context.signal });
        } catch {
          return; // aborted
        }
      } else if (++batchesWithoutPause >= 8) {
        // At very high rates, still let timers and I/O (e.g. a cancellation) run now and then.
        batchesWithoutPause = 0;
        await nextTurn();
        if (context.signal.aborted) return;
      }
      const rows = Math.min(batchSize, limit - produced);
      const columns: Value[][] = generators.map(() => new Array<Value>(rows));
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < generators.length; c++) columns[c]![r] = generators[c]!(produced + r);
      }
      produced += rows;
      context.metrics.recordsRead += rows;
      this.position = { produced, random: random.currentState };
      yield makeBatch(this.schema, columns, rows);
    }
  }
}
