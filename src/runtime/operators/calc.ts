import { sameType } from '../../common/types.js';
import type { CalcSpec } from '../../dataflow/graph.js';
import type { Expr } from '../../dataflow/expr.js';
import type { Value } from '../../common/values.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { Data } from 'apache-arrow';
import { arrowType, makeBatch } from '../batch.js';
import { compileExpr, readsWatermark, WATERMARK_COLUMN } from '../expr/evaluate.js';
import { NO_WATERMARK } from '../messages.js';
import { compileVectorExpr, VectorColumns, type VectorKernel } from '../expr/vector/compile.js';
import { numberVectorData } from '../expr/vector/number-vector.js';
import { takeData, takeNumbers } from '../expr/vector/take.js';
import { fieldPathOf, type FieldPath } from '../expr/vector/field-data.js';
import { ColumnCache } from './column-cache.js';

/**
 * Filter and projection. Each expression has a row kernel and, where the vectorised kernels cover it, a vector
 * kernel working on the batch's Arrow buffers; a batch the vector kernel cannot do exactly uses the row kernel.
 * Bare columns and ROW fields of columns pass through as Arrow data (gathered when the filter drops rows), never decoded.
 */
export class CalcOperator implements Operator {
  private readonly filter;
  private readonly vectorFilter: VectorKernel | null;
  private readonly projections;
  private readonly vectorProjections: (VectorKernel | null)[];
  /** Per output column, the input column (or ROW field of one) it passes through unchanged, if it is one. */
  private passThrough: (number | FieldPath | undefined)[] | undefined;
  /** Whether an expression calls CURRENT_WATERMARK: then the readers answer WATERMARK_COLUMN too. */
  private readonly readsWatermark: boolean;

  constructor(private readonly spec: CalcSpec, private readonly vectorized = true) {
    this.filter = spec.filter ? compileExpr(spec.filter) : null;
    this.vectorFilter = spec.filter && vectorized ? compileVectorExpr(spec.filter) : null;
    this.projections = spec.projections.map((p) => compileExpr(p));
    this.vectorProjections = spec.projections.map((p) => (p.kind === 'column' || !vectorized ? null : compileVectorExpr(p)));
    this.readsWatermark = spec.projections.some(readsWatermark) || (spec.filter ? readsWatermark(spec.filter) : false);
  }

  /** A column reader that also answers WATERMARK_COLUMN: each row's watermark (NULL before any), if the Calc needs it. */
  private reader(input: ColumnCache, watermarks: Float64Array | undefined, rowCount: number, context: OperatorContext): (index: number) => readonly Value[] {
    if (!this.readsWatermark) return input.reader;
    const current = context.currentWatermark;
    const values: Value[] = watermarks ? Array.from(watermarks, (w) => w) : new Array<Value>(rowCount).fill(current);
    for (let i = 0; i < rowCount; i++) if (values[i] === NO_WATERMARK) values[i] = null;
    return (index) => (index === WATERMARK_COLUMN ? values : input.reader(index));
  }

  private passedThrough(context: OperatorContext): (number | FieldPath | undefined)[] {
    this.passThrough ??= this.spec.projections.map((p, i) => {
      const field = this.vectorized ? fieldPathOf(p) : undefined;
      if (p.kind !== 'column' && field === undefined) return undefined;
      const input = p.kind === 'column' ? context.inputSchema.fields[p.index]?.type : p.type;
      const output = context.outputSchema.fields[i]?.type;
      const same = input && output && String(arrowType(input)) === String(arrowType(output)) && sameType(input, output);
      return same ? (p.kind === 'column' ? p.index : field) : undefined;
    });
    return this.passThrough;
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { batch } = message;
    const vectors = new VectorColumns(batch, context.inputSchema.fields.map((f) => f.type));
    let input = ColumnCache.of(batch, context.inputSchema);
    let rowCount = batch.numRows;
    let rowKinds = message.rowKinds;
    let watermarks = message.watermarks;
    /** The rows the filter keeps (ascending), or null for all. */
    let selection: Int32Array | null = null;
    if (this.filter) {
      const selected = this.selectRows(vectors, this.reader(input, watermarks, rowCount, context), rowCount);
      if (selected.length === 0) return;
      if (selected.length < rowCount) {
        selection = selected;
        input = input.select(Array.from(selected));
        rowCount = selected.length;
        if (rowKinds) rowKinds = Uint8Array.from(selected, (i) => message.rowKinds![i]!);
        if (watermarks) watermarks = Float64Array.from(selected, (i) => message.watermarks![i]!);
      }
    }
    const passed = this.passedThrough(context);
    const reader = this.reader(input, watermarks, rowCount, context);
    const columns = this.projections.map((project, i): Value[] | Data => {
      const type = context.outputSchema.fields[i]!.type;
      const from = passed[i];
      const data = from === undefined ? undefined : typeof from === 'number' ? vectors.data(from) : vectors.fieldData(from);
      if (data !== undefined) {
        const taken = selection === null ? data : takeData(data, type, selection);
        if (taken !== undefined) return taken;
      }
      const vector = this.vectorProjections[i]?.(vectors);
      if (vector !== undefined && vectorFits(this.spec.projections[i]!, type)) {
        return numberVectorData(selection === null ? vector : takeNumbers(vector, selection), type, rowCount);
      }
      return project(reader, rowCount);
    });
    const options: { rowKinds?: Uint8Array; watermarks?: Float64Array } = {};
    if (rowKinds) options.rowKinds = rowKinds;
    if (watermarks) options.watermarks = watermarks;
    await context.emit(makeBatch(context.outputSchema, columns, rowCount), options);
  }

  /** Positions of the rows whose filter condition is TRUE. */
  private selectRows(vectors: VectorColumns, reader: (index: number) => readonly Value[], rowCount: number): Int32Array {
    const vector = this.vectorFilter?.(vectors);
    const selected = new Int32Array(rowCount);
    let count = 0;
    if (vector !== undefined) {
      const { values, nulls } = vector;
      for (let i = 0; i < rowCount; i++) if (values[i] === 1 && (nulls === null || nulls[i] === 0)) selected[count++] = i;
    } else {
      const keep = this.filter!(reader, rowCount);
      for (let i = 0; i < rowCount; i++) if (keep[i] === true) selected[count++] = i;
    }
    return selected.subarray(0, count);
  }
}

/** Whether a projection's vector result has the output column's Arrow form (the types agree but for time marks). */
function vectorFits(expr: Expr, output: Expr['type']): boolean {
  return String(arrowType(expr.type)) === String(arrowType(output));
}
