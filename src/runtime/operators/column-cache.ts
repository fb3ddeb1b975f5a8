/** Decodes the columns of a batch on first use, so an operator only pays for the columns it reads. */
import type { RecordBatch } from 'apache-arrow';
import type { Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { readColumn } from '../batch.js';

type ColumnLoader = (index: number) => readonly Value[];

export class ColumnCache {
  private readonly columns: (readonly Value[] | undefined)[];
  readonly reader: (index: number) => readonly Value[];

  private constructor(private readonly schema: Schema, private readonly load: ColumnLoader) {
    this.columns = new Array(schema.fields.length).fill(undefined);
    this.reader = (index) => this.column(index);
  }

  static of(batch: RecordBatch, schema: Schema): ColumnCache {
    return new ColumnCache(schema, (index) => readColumn(batch, index, schema.fields[index]!.type));
  }

  column(index: number): readonly Value[] {
    let values = this.columns[index];
    if (!values) {
      values = this.load(index);
      this.columns[index] = values;
    }
    return values;
  }

  /** A cache over the selected rows only; columns are still decoded on first use. */
  select(rows: readonly number[]): ColumnCache {
    return new ColumnCache(this.schema, (index) => {
      const column = this.column(index);
      return rows.map((r) => column[r]!);
    });
  }
}
