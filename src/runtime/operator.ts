/**
 * The operator interface (after Arroyo's ArrowOperator): only `processBatch` is required. The task around an
 * operator merges watermarks across inputs, forwards them by default, and drives the lifecycle.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Schema } from '../dataflow/schema.js';
import type { StateBackend } from './state/backend.js';
import type { JobMetrics, OperatorMetrics } from './metrics.js';
import type { DataMessage } from './messages.js';
import type { Value } from '../common/values.js';

/** Why a row was dropped: its windows had fired ('late'), or its rowtime was too far ahead of the wall clock ('future'). */
export type DropReason = 'late' | 'future';

/** A row an operator dropped, as the operator reports it. */
export interface DroppedRow {
  /** The table whose row it is (the operator's `lateTable`, or the watermark assigner's table). */
  readonly table: string;
  /** The row's values in the order of the table's columns (physical, then computed); null where not available. */
  readonly values: readonly Value[];
  readonly reason: DropReason;
  /** The watermark the row was judged against. */
  readonly watermark: number;
}

/** A dropped row as the job hands it on: with the job and operator that dropped it. */
export interface DroppedRecord extends DroppedRow {
  readonly job: string;
  /** Operator display name, e.g. `WindowAggregate#5`. */
  readonly operator: string;
}

/** Where a job sends the rows its operators drop (the session keeps them as the `<table>$late` log). */
export interface DroppedRecordSink {
  report(record: DroppedRecord): void;
}

/** Plain-data progress of one operator, for SHOW WATERMARKS. */
export type OperatorProgress = SourceWatermarkProgress | WindowProgress;

/** What a watermark assigner knows: its table's current watermark and the latest event time seen. */
export interface SourceWatermarkProgress {
  readonly kind: 'source-watermark';
  readonly table: string;
  /** The split (partition) of the table; Sluice's sources have one split each today: 0. */
  readonly split: number;
  readonly watermark: number;
  /** Maximum rowtime seen (−∞ before the first). */
  readonly maxEventTime: number;
  readonly records: number;
  /** Whether the split is idle (no records for a while); sources do not go idle yet, so always false. */
  readonly idle: boolean;
}

/** What a window operator knows: the windows still waiting to fire. */
export interface WindowProgress {
  readonly kind: 'window';
  /** The watermark the operator has acted on (it may be ahead of the last watermark message, never behind). */
  readonly watermark: number;
  readonly openWindows: number;
  /** The open window with the smallest end, or null when none is open. */
  readonly oldestOpenWindow: { readonly start: number; readonly end: number } | null;
  /**
   * The watermark at which the oldest open window fires, when it is not its end − 1 (windows over a TIMESTAMP_LTZ
   * rowtime: their bounds are wall clocks of the session zone, the watermark an instant).
   */
  readonly oldestFiresAt?: number;
}

export interface OperatorContext {
  readonly operatorId: number;
  /** Output schema of this operator. */
  readonly outputSchema: Schema;
  /** Input schema (of the first input). */
  readonly inputSchema: Schema;
  /** The schema of every input, by input index (operators with several inputs, e.g. the window join). */
  readonly inputSchemas: readonly Schema[];
  readonly state: StateBackend;
  readonly jobMetrics: JobMetrics;
  readonly metrics: OperatorMetrics;
  /** The combined input watermark (−∞ before the first). */
  readonly currentWatermark: number;
  /**
   * The combined watermark the task would have if input `inputIndex` were at `watermark` and the others where they
   * are (never below `currentWatermark`). Multi-input operators use it to give rows of one input per-row watermarks
   * that account for the other inputs. Optional: contexts built outside a task may not offer it.
   */
  combinedWatermarkIf?(inputIndex: number, watermark: number): number;
  /** Sends a batch downstream (empty batches are dropped). */
  emit(batch: RecordBatch, options?: { rowKinds?: Uint8Array; watermarks?: Float64Array }): Promise<void>;
  /** Sends a watermark downstream; only for operators that generate watermarks (the watermark assigner). */
  emitWatermark(timestamp: number): Promise<void>;
  /** Reports a row this operator dropped: counted per operator and logged in the table's late-record log. */
  reportDropped(row: DroppedRow): void;
  /**
   * Runs `callback` once the wall clock (`Date.now()`) reaches `wallMillis` (processing-time timers). The callback
   * never overlaps processBatch / processWatermark / endOfInput: the task runs it in turn with its messages, and
   * may emit from it. Returns a function that cancels the timer. Pending timers are cleared when the task closes.
   * Optional: contexts built outside a task (unit tests) may not offer it.
   */
  scheduleAt?(wallMillis: number, callback: () => Promise<void> | void): () => void;
}

export interface Operator {
  /**
   * False for operators that emit their own, held-back watermarks with `context.emitWatermark` (an interval join
   * delays its output watermark by its interval); the task then does not forward the combined one. Default: true.
   */
  readonly forwardsWatermarks?: boolean;
  /** Called once before the first message. */
  open?(context: OperatorContext): Promise<void> | void;
  /** `inputIndex`: which input the batch came from (0 for single-input operators, which may ignore it). */
  processBatch(message: DataMessage, context: OperatorContext, inputIndex?: number): Promise<void> | void;
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
  /**
   * Checkpoints: at a barrier (after alignment, before the barrier is forwarded), the operator's state that does
   * NOT live in the state backend (in-memory timers, counters, buffered output not yet emitted), as plain data
   * (structured-cloneable: numbers, bigints, strings, booleans, null, arrays, plain objects, Maps, Sets; NaN and
   * ±Infinity survive). State kept in `context.state` is checkpointed by the backend and must not be repeated here.
   * Return undefined when there is nothing (the default). Buffers that would be lost must be flushed into state or
   * returned here (Flink's prepareSnapshotPreBarrier).
   */
  snapshotState?(context: OperatorContext, checkpointId: number): Promise<unknown> | unknown;
  /**
   * Recovery: called after `open` and before any message, with what `snapshotState` returned at the restored
   * checkpoint (undefined when it returned nothing). The state backend already holds the checkpoint's keyed state,
   * and `context.currentWatermark` is the restored watermark.
   */
  restoreState?(snapshot: unknown, context: OperatorContext): Promise<void> | void;
  /**
   * The checkpoint `checkpointId` is complete and durable (every operator's part and every source position are
   * written). Sinks make the output it covers visible here (two-phase commit). Runs in turn with messages.
   */
  notifyCheckpointComplete?(checkpointId: number, context: OperatorContext): Promise<void> | void;
  /** Small plain data on the operator's event-time progress (SHOW WATERMARKS); called while the job runs. */
  describeProgress?(): OperatorProgress | undefined;
  /**
   * Queryable state: the operator's current result, as rows of its output schema — what its changelog so far adds
   * up to (an updating operator's materialized table: a GROUP BY's row per key, a Top-N's ranked rows). Asked only
   * of operators whose state holds those rows (registry.ts keepsResultRows); the task calls it between messages.
   */
  currentResult?(): Iterable<readonly Value[]>;
}
