/** Filter then project, vectorised over each batch. Row kinds and per-row watermarks follow their rows. */
import type { CalcSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import { makeBatch } from '../batch.js';
import { compileExpr } from '../expr/evaluate.js';
import { ColumnCache } from './column-cache.js';

export class CalcOperator implements Operator {
  private readonly filter;
  private readonly projections;

  constructor(spec: CalcSpec) {
    this.filter = spec.filter ? compileExpr(spec.filter) : null;
    this.projections = spec.projections.map((p) => compileExpr(p));
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { batch } = message;
    let input = ColumnCache.of(batch, context.inputSchema);
    let rowCount = batch.numRows;
    let rowKinds = message.rowKinds;
    let watermarks = message.watermarks;
    if (this.filter) {
      const keep = this.filter(input.reader, rowCount);
      const selected: number[] = [];
      for (let i = 0; i < rowCount; i++) if (keep[i] === true) selected.push(i);
      if (selected.length === 0) return;
      if (selected.length < rowCount) {
        input = input.select(selected);
        rowCount = selected.length;
        if (rowKinds) rowKinds = Uint8Array.from(selected, (i) => message.rowKinds![i]!);
        if (watermarks) watermarks = Float64Array.from(selected, (i) => message.watermarks![i]!);
      }
    }
    const columns: Value[][] = this.projections.map((project) => project(input.reader, rowCount));
    const options: { rowKinds?: Uint8Array; watermarks?: Float64Array } = {};
    if (rowKinds) options.rowKinds = rowKinds;
    if (watermarks) options.watermarks = watermarks;
    await context.emit(makeBatch(context.outputSchema, columns, rowCount), options);
  }
}
