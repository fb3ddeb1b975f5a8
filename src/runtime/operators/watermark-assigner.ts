/**
 * Event-time watermarks, record by record: the watermark is the running maximum of the WATERMARK expression
 * (e.g. `bidtime - INTERVAL '1' SECOND`) over the records seen so far. Every row leaves with the watermark that
 * was in force before it arrived, so downstream lateness decisions do not depend on batch boundaries; after the
 * batch the new watermark is emitted. NULL watermark values are skipped (they do not move the watermark).
 */
import type { WatermarkAssignerSpec } from '../../dataflow/graph.js';
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import { NO_WATERMARK } from '../messages.js';
import { compileExpr } from '../expr/evaluate.js';
import { ColumnCache } from './column-cache.js';

export class WatermarkAssignerOperator implements Operator {
  private readonly watermarkOf;
  private watermark = NO_WATERMARK;

  constructor(spec: WatermarkAssignerSpec) {
    this.watermarkOf = compileExpr(spec.watermark);
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    const { batch } = message;
    const rows = batch.numRows;
    const candidates = this.watermarkOf(ColumnCache.of(batch, context.inputSchema).reader, rows);
    const before = new Float64Array(rows);
    let current = this.watermark;
    for (let i = 0; i < rows; i++) {
      before[i] = current;
      const candidate = candidates[i];
      if (typeof candidate === 'number' && candidate > current) current = candidate;
    }
    const options: { rowKinds?: Uint8Array; watermarks: Float64Array } = { watermarks: before };
    if (message.rowKinds) options.rowKinds = message.rowKinds;
    await context.emit(batch, options);
    if (current > this.watermark) {
      this.watermark = current;
      await context.emitWatermark(current);
    }
  }
}
