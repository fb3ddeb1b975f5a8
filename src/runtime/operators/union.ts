/**
 * UNION ALL: every batch of every input goes downstream with its row kinds. Rows keep per-row watermarks, but in
 * the union's terms: a row of input i arrived when input i was at the watermark it carries, so its watermark
 * downstream is the combined one (the minimum with the other inputs, never below the task's) — the same
 * judgement, record by record, that the combined Watermark messages give, whatever the batch boundaries.
 */
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';

export class UnionOperator implements Operator {
  async processBatch(message: DataMessage, context: OperatorContext, inputIndex = 0): Promise<void> {
    const watermarks = message.watermarks && context.combinedWatermarkIf ? combined(message.watermarks, inputIndex, context) : undefined;
    await context.emit(message.batch, {
      ...(message.rowKinds ? { rowKinds: message.rowKinds } : {}),
      ...(watermarks ? { watermarks } : {}),
    });
  }
}

function combined(inputWatermarks: Float64Array, inputIndex: number, context: OperatorContext): Float64Array {
  const watermarks = new Float64Array(inputWatermarks.length);
  for (let row = 0; row < inputWatermarks.length; row++) {
    watermarks[row] = context.combinedWatermarkIf!(inputIndex, inputWatermarks[row]!);
  }
  return watermarks;
}
