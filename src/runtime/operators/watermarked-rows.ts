/**
 * Rows an operator emits while handling one message, each with the watermark in force when it was produced, so the
 * batch carries per-row watermarks downstream (an OVER aggregation and the temporal sort release rows as the
 * watermark advances within a message).
 */
import type { Value } from '../../common/values.js';
import { makeBatch } from '../batch.js';
import type { OperatorContext } from '../operator.js';

export class WatermarkedRows {
  private readonly rows: Value[][] = [];
  private readonly watermarks: number[] = [];

  add(row: Value[], watermark: number): void {
    this.rows.push(row);
    this.watermarks.push(watermark);
  }

  /** Emits the rows as one batch of the operator's output schema (nothing when there are none). */
  async flush(context: OperatorContext): Promise<void> {
    const { rows } = this;
    if (rows.length === 0) return;
    const columns: Value[][] = context.outputSchema.fields.map((_, c) => rows.map((r) => r[c]!));
    await context.emit(makeBatch(context.outputSchema, columns, rows.length), { watermarks: Float64Array.from(this.watermarks) });
  }
}
