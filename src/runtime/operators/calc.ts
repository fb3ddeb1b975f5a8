/** Filter then project, vectorised over each batch. Row kinds and per-row watermarks follow their rows. */
import type { CalcSpec } from '../../dataflow/graph.js';
import type { Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { Data } from 'apache-arrow';
import { sameType } from '../../common/types.js';
import { arrowType, makeBatch } from '../batch.js';
import { compileExpr } from '../expr/evaluate.js';
import { ColumnCache } from './column-cache.js';

export class CalcOperator implements Operator {
  private readonly filter;
  private readonly projections;
  /** Per output column, the input column it passes through unchanged (same type), if it is a bare column. */
  private passThrough: (number | undefined)[] | undefined;

  constructor(private readonly spec: CalcSpec) {
    this.filter = spec.filter ? compileExpr(spec.filter) : null;
    this.projections = spec.projections.map((p) => compileExpr(p));
  }

  private passedThrough(context: OperatorContext): (number | undefined)[] {
    this.passThrough ??= this.spec.projections.map((p, i) => {
      if (p.kind !== 'column') return undefined;
      const input = context.inputSchema.fields[p.index]?.type;
      const output = context.outputSchema.fields[i]?.type;
      return input && output && String(arrowType(input)) === String(arrowType(output)) && sameType(input, output) ? p.index : undefined;
    });
    return this.passThrough;
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
    // Without a filter that dropped rows, a bare column's Arrow data goes through as it is (no decode, no encode).
    const whole = rowCount === batch.numRows;
    const passed = this.passedThrough(context);
    const columns = this.projections.map((project, i): Value[] | Data => {
      const from = passed[i];
      const data = whole && from !== undefined ? batch.getChildAt(from)?.data : undefined;
      return data !== undefined && data.length === 1 ? data[0]! : project(input.reader, rowCount);
    });
    const options: { rowKinds?: Uint8Array; watermarks?: Float64Array } = {};
    if (rowKinds) options.rowKinds = rowKinds;
    if (watermarks) options.watermarks = watermarks;
    await context.emit(makeBatch(context.outputSchema, columns, rowCount), options);
  }
}
