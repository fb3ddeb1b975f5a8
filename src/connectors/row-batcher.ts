/** Collects rows of runtime values into record batches of at most `batchSize` rows. */
import type { RecordBatch } from 'apache-arrow';
import type { Value } from '../common/values.js';
import type { Schema } from '../dataflow/schema.js';
import { makeBatch } from '../runtime/batch.js';

export class RowBatcher {
  private columns: Value[][];
  private rows = 0;
  private readonly batchSize: number;

  constructor(private readonly schema: Schema, batchSize: number) {
    this.batchSize = Math.max(1, Math.floor(batchSize));
    this.columns = this.emptyColumns();
  }

  get pendingRows(): number {
    return this.rows;
  }

  /** Adds a row (values in schema order); returns a full batch when the row filled one. */
  add(values: readonly Value[]): RecordBatch | undefined {
    for (let i = 0; i < this.columns.length; i++) this.columns[i]!.push(values[i] ?? null);
    this.rows++;
    return this.rows >= this.batchSize ? this.flush() : undefined;
  }

  /** The rows collected so far as a batch, or undefined if there are none. */
  flush(): RecordBatch | undefined {
    if (this.rows === 0) return undefined;
    const batch = makeBatch(this.schema, this.columns, this.rows);
    this.columns = this.emptyColumns();
    this.rows = 0;
    return batch;
  }

  private emptyColumns(): Value[][] {
    return this.schema.fields.map(() => []);
  }
}
