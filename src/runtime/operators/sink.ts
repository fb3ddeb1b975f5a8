/**
 * Hands batches to a connector's SinkWriter.
 *
 * Without checkpoints: publishes on end of input (`finish`), aborts on failure or cancel.
 *
 * With checkpoints, a writer with two-phase commit (prepareCommit/commit/recover) is exactly-once: at each barrier
 * the operator prepares (the committable goes into the checkpoint as this operator's snapshot), and commits once
 * the checkpoint is durable. On restore it hands the checkpoint's committable to `recover`, which commits it if a
 * crash came between the checkpoint and the commit, and discards anything written after it. At end of input it
 * does nothing: the job's final checkpoint prepares and commits the last output. A writer without two-phase commit
 * is at-least-once: it keeps writing as it goes, and a restored job writes again what came after the checkpoint.
 */
import type { Operator, OperatorContext } from '../operator.js';
import type { DataMessage } from '../messages.js';
import type { SinkCommittable, SinkWriter } from '../connector.js';
import { failpoint } from '../checkpoint/failpoints.js';

/** What a two-phase-commit sink puts into a checkpoint. */
interface SinkSnapshot {
  readonly checkpointId: number;
  readonly committable: SinkCommittable;
}

export class SinkOperator implements Operator {
  private finished = false;
  /** Prepared but not yet committed, by checkpoint id (ascending). */
  private readonly prepared = new Map<number, SinkCommittable>();

  constructor(
    private readonly writer: SinkWriter,
    private readonly table: string,
    private readonly jobName = '',
    private readonly checkpointing = false,
    /** Whether the job resumes from a checkpoint (then `restoreState` recovers; otherwise `open` cleans up). */
    private readonly restoring = false,
  ) {}

  /** Whether output is published only through checkpoints. */
  private get twoPhase(): boolean {
    return this.checkpointing && this.writer.prepareCommit !== undefined && this.writer.commit !== undefined;
  }

  async open(context: OperatorContext): Promise<void> {
    await this.writer.open({ metrics: context.jobMetrics.table(this.table), jobName: this.jobName, checkpointing: this.checkpointing });
    // A fresh start: what an earlier attempt of this job left uncommitted belongs to no checkpoint.
    if (this.twoPhase && !this.restoring) await this.writer.recover?.([]);
  }

  async processBatch(message: DataMessage, context: OperatorContext): Promise<void> {
    await this.writer.write(message.batch, message.rowKinds);
    if (this.writer.watermark) {
      const watermarks = message.watermarks;
      this.writer.watermark(watermarks && watermarks.length > 0 ? watermarks[watermarks.length - 1]! : context.currentWatermark);
    }
  }

  processWatermark(watermark: number): void {
    this.writer.watermark?.(watermark);
  }

  async snapshotState(_context: OperatorContext, checkpointId: number): Promise<SinkSnapshot | undefined> {
    if (!this.twoPhase) return undefined;
    const committable = await this.writer.prepareCommit!(checkpointId);
    this.prepared.set(checkpointId, committable);
    return { checkpointId, committable };
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    for (const [id, committable] of this.prepared) {
      if (id > checkpointId) break;
      await this.writer.commit!(committable);
      this.prepared.delete(id);
      failpoint('sink-commit');
    }
  }

  async restoreState(snapshot: unknown): Promise<void> {
    if (!this.twoPhase || !this.writer.recover) return;
    const committables = isSinkSnapshot(snapshot) ? [snapshot.committable] : [];
    await this.writer.recover(committables);
  }

  async endOfInput(): Promise<void> {
    if (this.twoPhase) {
      this.writer.inputEnded?.(); // the final checkpoint prepares and commits the rest
      return;
    }
    await this.writer.finish();
    this.finished = true;
  }

  /**
   * On failure or cancel the writer aborts what it is writing. Prepared committables stay where they are: the
   * checkpoint that covers them (if it completed) commits them on recovery.
   */
  async close(): Promise<void> {
    if (!this.finished) await this.writer.abort();
  }
}

function isSinkSnapshot(value: unknown): value is SinkSnapshot {
  return typeof value === 'object' && value !== null && 'checkpointId' in value && 'committable' in value;
}
