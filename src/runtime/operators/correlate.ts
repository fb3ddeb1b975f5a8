/**
 * Correlate (see CorrelateSpec): for each input row, the rows its table function produces (UNNEST or a user-defined
 * table function), each appended to the input row; a LEFT correlate emits an input row that produces nothing once,
 * NULL-padded. Stateless: every output row keeps its input row's kind and watermark, so checkpoints need nothing.
 */
import { ExecutionError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import { correlateArguments, type CorrelateSpec } from '../../dataflow/correlate.js';
import { makeBatch } from '../batch.js';
import { compileExpr } from '../expr/evaluate.js';
import type { DataMessage } from '../messages.js';
import type { Operator, OperatorContext } from '../operator.js';
import { ColumnCache } from './column-cache.js';
import { rowProducer, type RowProducer } from './correlate-rows.js';

type RowKernel = ReturnType<typeof compileExpr>;

export class CorrelateOperator implements Operator {
  private readonly args: RowKernel[];
  private producer: RowProducer | undefined;
  /** Input rows received so far (1-based positions in run-time errors). */
  private rowsSeen = 0;

  constructor(private readonly spec: CorrelateSpec) {
    this.args = correlateArguments(spec.function).map((arg) => compileExpr(arg));
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { batch } = message;
    const inputWidth = context.inputSchema.fields.length;
    const width = context.outputSchema.fields.length - inputWidth;
    this.producer ??= rowProducer(this.spec.function);
    const input = ColumnCache.of(batch, context.inputSchema);
    const rowCount = batch.numRows;
    const argColumns = this.args.map((arg) => arg(input.reader, rowCount));
    /** Per output row, the input row it extends. */
    const from: number[] = [];
    const produced: Value[][] = Array.from({ length: width }, () => []);
    const args = new Array<Value>(argColumns.length);
    for (let i = 0; i < rowCount; i++) {
      this.rowsSeen++;
      for (let a = 0; a < argColumns.length; a++) args[a] = argColumns[a]![i] ?? null;
      const before = from.length;
      try {
        for (const row of this.producer(args)) {
          from.push(i);
          for (let c = 0; c < width; c++) produced[c]!.push(row[c] ?? null);
        }
      } catch (error) {
        throw this.failure(error);
      }
      if (from.length === before && this.spec.joinType === 'left') {
        from.push(i);
        for (let c = 0; c < width; c++) produced[c]!.push(null);
      }
    }
    if (from.length === 0) return;
    const columns: Value[][] = [];
    for (let c = 0; c < inputWidth; c++) {
      const values = input.column(c);
      columns.push(from.map((r) => values[r]!));
    }
    columns.push(...produced);
    const options: { rowKinds?: Uint8Array; watermarks?: Float64Array } = {};
    if (message.rowKinds) options.rowKinds = Uint8Array.from(from, (r) => message.rowKinds![r]!);
    if (message.watermarks) options.watermarks = Float64Array.from(from, (r) => message.watermarks![r]!);
    await context.emit(makeBatch(context.outputSchema, columns, from.length), options);
  }

  /** The error for a failure while producing the rows of the current input row: names the function and the row. */
  private failure(error: unknown): ExecutionError {
    const fn = this.spec.function;
    const name = fn.kind === 'user' ? `Table function '${fn.name}'` : fn.kind === 'unnest' ? 'UNNEST' : 'REPLICATE_ROWS';
    const where = `input row ${this.rowsSeen}`;
    const options = { position: this.spec.position, cause: error };
    if (error instanceof ExecutionError) return new ExecutionError(`${error.detail} (${where})`, options);
    return new ExecutionError(`${name} failed on ${where}: ${error instanceof Error ? error.message : String(error)}`, options);
  }
}
