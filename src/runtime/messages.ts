/**
 * What flows between operators, in order, on one channel: data batches, watermarks, watermark status, checkpoint
 * barriers and end of input.
 */
import type { RecordBatch } from 'apache-arrow';
import type { RowKind } from '../common/values.js';

export interface DataMessage {
  readonly kind: 'data';
  readonly batch: RecordBatch;
  /** Row kind per row; absent means every row is an insert (+I). */
  readonly rowKinds?: Uint8Array;
  /**
   * The watermark in force when each row arrived (before the row itself was seen). Set by the watermark assigner
   * and carried through stateless operators, so event-time operators judge lateness record by record, whatever
   * the batch boundaries. Absent: every row arrived under the last Watermark message received.
   */
  readonly watermarks?: Float64Array;
}

export interface WatermarkMessage {
  readonly kind: 'watermark';
  /** Event time in epoch milliseconds; every later row should have time > this (later rows may be late). */
  readonly timestamp: number;
}

export interface EndOfInputMessage {
  readonly kind: 'end-of-input';
}

/**
 * Watermark status (Flink's WatermarkStatus): `idle` says the sender will produce nothing for a while, so
 * receivers leave it out of their minimum watermark until it sends `active` again (always before its next data).
 */
export interface IdleMessage {
  readonly kind: 'idle';
}

export interface ActiveMessage {
  readonly kind: 'active';
}

/**
 * A checkpoint barrier (Flink's CheckpointBarrier): everything before it on the channel belongs to checkpoint
 * `checkpointId`, everything after to the next. A task with several inputs aligns them: an input whose barrier has
 * arrived is held back until every input's has, then the operator snapshots and the barrier is forwarded.
 */
export interface BarrierMessage {
  readonly kind: 'barrier';
  readonly checkpointId: number;
}

export type Message = DataMessage | WatermarkMessage | EndOfInputMessage | IdleMessage | ActiveMessage | BarrierMessage;

export const NO_WATERMARK = Number.NEGATIVE_INFINITY;
export const END_OF_TIME_WATERMARK = Number.POSITIVE_INFINITY;

export function dataMessage(batch: RecordBatch, rowKinds?: Uint8Array, watermarks?: Float64Array): DataMessage {
  const message: { kind: 'data'; batch: RecordBatch; rowKinds?: Uint8Array; watermarks?: Float64Array } = { kind: 'data', batch };
  if (rowKinds) message.rowKinds = rowKinds;
  if (watermarks) message.watermarks = watermarks;
  return message;
}

export type { RowKind };
