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

export class DatagenSource implements SourceReader {
  constructor(private readonly schema: Schema, private readonly options: DatagenOptions, private readonly now: () => number = Date.now) {}

  async *read(context: SourceContext): AsyncIterable<RecordBatch> {
    const random = this.options.seed === undefined ? SeededRandom.fromEntropy() : new SeededRandom(this.options.seed);
    const generators: ValueGenerator[] = this.schema.fields.map((f, i) => createGenerator(this.options.fields[i]!, f.type, random, this.now));
    const limit = datagenRowLimit(this.options);
    const rate = this.options.rowsPerSecond;
    // Small batches at low rates so rows arrive steadily (about 20 batches a second at most).
    const batchSize = Math.max(1, Math.min(context.batchSize, Math.ceil(rate / 20)));
    const startedAt = performance.now();
    let produced = 0;
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
      yield makeBatch(this.schema, columns, rows);
    }
  }
}
