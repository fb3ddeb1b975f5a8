/**
 * The `values` source: the rows of a VALUES table (`SELECT * FROM (VALUES (1, 'a'), (2, 'b'))`, a SELECT without
 * FROM), planned as constant expressions of the columns' types and carried in the descriptor. Bounded; its checkpoint position
 * is the number of rows emitted.
 */
import type { RecordBatch } from 'apache-arrow';
import { ConnectorError } from '../../common/errors.js';
import type { ConnectorDescriptor } from '../../dataflow/graph.js';
import type { SourceContext, SourceReader } from '../../runtime/connector.js';
import { RowBatcher } from '../row-batcher.js';
import type { Expr } from '../../dataflow/expr.js';
import type { Value } from '../../common/values.js';
import { compileExpr } from '../../runtime/expr/evaluate.js';


/** A row value: a literal's, or a constant expression's (a cast to TIMESTAMP_LTZ in the session zone, …). */
function valueOf(expr: Expr): Value {
  return expr.kind === 'literal' ? expr.value : compileExpr(expr)(() => [], 1)[0] ?? null;
}

export class ValuesSourceReader implements SourceReader {
  private emitted = 0;

  constructor(private readonly descriptor: ConnectorDescriptor) {
    if (descriptor.values === undefined) throw new ConnectorError(`Table '${descriptor.table}': a 'values' table needs its rows from a VALUES clause`);
  }

  snapshotPosition(): { readonly rows: number } {
    return { rows: this.emitted };
  }

  async *read(context: SourceContext): AsyncIterable<RecordBatch> {
    const rows = (this.descriptor.values ?? []).map((row) => row.map(valueOf));
    const skip = (context.startPosition as { rows?: number } | undefined)?.rows ?? 0;
    this.emitted = Math.min(skip, rows.length);
    const batcher = new RowBatcher(this.descriptor.schema, context.batchSize);
    for (let i = this.emitted; i < rows.length; i++) {
      if (context.signal.aborted) return;
      const batch = batcher.add(rows[i]!);
      if (batch) yield this.counted(batch, i + 1, context);
    }
    const last = batcher.flush();
    if (last && !context.signal.aborted) yield this.counted(last, rows.length, context);
  }

  private counted(batch: RecordBatch, through: number, context: SourceContext): RecordBatch {
    this.emitted = through;
    context.metrics.recordsRead += batch.numRows;
    return batch;
  }
}
