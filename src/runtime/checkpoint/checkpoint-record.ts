/**
 * What a completed checkpoint records besides keyed state (which lives in the same database): every source's
 * position, every task's watermarks and its operator's snapshot (in-memory state and sink committables).
 * Plain data, stored with `v8.serialize` and a SHA-256 checksum.
 */

/** Why a checkpoint was taken. `final`: at the end of a bounded job (its sinks' last commit). */
export type CheckpointKind = 'checkpoint' | 'final' | 'savepoint';

/** A task's event-time state at the barrier. */
export interface TaskWatermarks {
  /** The task's combined watermark (−∞ before the first). */
  readonly watermark: number;
  /** Each input's watermark, by input index. */
  readonly inputWatermarks: readonly number[];
  /** Each input's idle status, by input index. */
  readonly inputIdle: readonly boolean[];
  /** Whether the task had told its downstream it is idle. */
  readonly idle: boolean;
}

export interface SourceCheckpoint {
  readonly nodeId: number;
  /** Stable identity of the source (see operator-identity.ts). */
  readonly uid: string;
  readonly table: string;
  /** What the reader's `snapshotPosition()` returned. */
  readonly position: unknown;
  /** Whether the source had ended (sent end of input) before the checkpoint. */
  readonly ended: boolean;
}

export interface TaskCheckpoint {
  readonly nodeId: number;
  /** Stable identity of the operator (see operator-identity.ts). */
  readonly uid: string;
  /** Display name, e.g. `WindowAggregate#5`. */
  readonly operator: string;
  /** What the uid hashes (specification and schemas, as stable JSON): explains an incompatible change. */
  readonly signature: string;
  readonly watermarks: TaskWatermarks;
  /** What the operator's `snapshotState` returned (undefined: nothing). */
  readonly operatorState: unknown;
}

export interface CheckpointRecord {
  readonly id: number;
  readonly kind: CheckpointKind;
  readonly jobName: string;
  /** Wall-clock time the checkpoint completed (epoch ms). */
  readonly completedAt: number;
  readonly sources: readonly SourceCheckpoint[];
  readonly tasks: readonly TaskCheckpoint[];
}
