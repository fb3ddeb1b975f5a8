/**
 * The operator interface (after Arroyo's ArrowOperator): only `processBatch` is required. The task around an
 * operator merges watermarks across inputs, forwards them by default, and drives the lifecycle.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../dataflow/schema.js';
import type { StateBackend } from './state/backend.js';
import type { JobMetrics, OperatorMetrics } from './metrics.js';
import type { DataMessage } from './messages.js';

export interface OperatorContext {
  readonly operatorId: number;
  /** Output schema of this operator. */
  readonly outputSchema: Schema;
  /** Input schema (of the first input). */
  readonly inputSchema: Schema;
  readonly state: StateBackend;
  readonly jobMetrics: JobMetrics;
  readonly metrics: OperatorMetrics;
  /** The combined input watermark (−∞ before the first). */
  readonly currentWatermark: number;
  /** Sends a batch downstream (empty batches are dropped). */
  emit(batch: RecordBatch, options?: { rowKinds?: Uint8Array; watermarks?: Float64Array }): Promise<void>;
  /** Sends a watermark downstream; only for operators that generate watermarks (the watermark assigner). */
  emitWatermark(timestamp: number): Promise<void>;
}

export interface Operator {
  /** Called once before the first message. */
  open?(context: OperatorContext): Promise<void> | void;
  processBatch(message: DataMessage, context: OperatorContext): Promise<void> | void;
  /**
   * The combined input watermark advanced to `watermark`. Fire timers / windows here and emit their results;
   * the task forwards the watermark downstream after this returns (unless `forwardsWatermarks` is false and
   * the operator emits its own).
   */
  processWatermark?(watermark: number, context: OperatorContext): Promise<void> | void;
  /** All inputs ended; the task has already delivered the final (+∞) watermark. Flush remaining output. */
  endOfInput?(context: OperatorContext): Promise<void> | void;
  /** Always called, after success or failure. */
  close?(context: OperatorContext): Promise<void> | void;
}
