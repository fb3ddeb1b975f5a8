/**
 * A task runs one operator: it receives messages from its inputs in order, merges their watermarks (minimum
 * over inputs, never backwards), drives the operator's lifecycle and forwards output to downstream tasks.
 *
 * Watermark status: an input that sent `idle` is left out of the minimum until it sends `active`; a re-activated
 * input behind the task's watermark is also left out until it catches up (it cannot hold back the others). When
 * every input is idle the task advances to the largest input watermark, becomes idle itself and forwards `idle`;
 * the first input to become active again makes it forward `active`.
 *
 * Checkpoint barriers (Flink's aligned checkpoints): an input whose barrier arrived is blocked (its later messages
 * wait in a queue) until every input that has not ended delivered the same barrier. Then the operator snapshots,
 * the task reports its part to the job's coordinator, forwards the barrier and replays the queue. From the barrier
 * until the checkpoint completes, processing-time timers are held back, so nothing after the barrier reaches the
 * state the checkpoint commits (the job's sources pause after injecting a barrier, for the same reason).
 */
import type { RecordBatch } from 'apache-arrow';
import type { GraphNode } from '../dataflow/graph.js';
import type { Schema } from '../dataflow/schema.js';
import type { Message } from './messages.js';
import { dataMessage, END_OF_TIME_WATERMARK, NO_WATERMARK } from './messages.js';
import type { DroppedRecordSink, DroppedRow, Operator, OperatorContext, OperatorProgress } from './operator.js';
import type { StateBackend } from './state/backend.js';
import type { JobMetrics, OperatorMetrics } from './metrics.js';
import { ExecutionError, InternalError } from '../common/errors.js';
import type { Value } from '../common/values.js';
import type { TaskWatermarks } from './checkpoint/checkpoint-record.js';

/** A task's part of a checkpoint: its watermarks and its operator's snapshot. */
export interface TaskSnapshot {
  readonly watermarks: TaskWatermarks;
  readonly operatorState: unknown;
}

/** Receives each task's part of a checkpoint (the job's coordinator). */
export type CheckpointListener = (checkpointId: number, task: Task, snapshot: TaskSnapshot) => void;

/** Anything that accepts messages: a task, or a test probe. */
export interface MessageReceiver {
  receive(inputIndex: number, message: Message): Promise<void>;
}

export interface Downstream {
  readonly receiver: MessageReceiver;
  readonly inputIndex: number;
}

export class Task implements MessageReceiver {
  private readonly inputWatermarks: number[];
  private readonly inputIdle: boolean[];
  /** Whether this task told its downstream that it is idle. */
  private idle = false;
  private inputsEnded = 0;
  private watermark = NO_WATERMARK;
  private readonly downstream: Downstream[] = [];
  private readonly context: OperatorContext;
  readonly metrics: OperatorMetrics;
  private opened = false;
  private closed = false;
  /** Messages and timer callbacks run one after another, in this chain (it never rejects). */
  private turn: Promise<void> = Promise.resolve();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** The first error thrown by a timer callback; it fails the next message, or the close. */
  private timerFailure: Error | undefined;
  private readonly inputEnded: boolean[];
  /** Inputs whose barrier for `aligningCheckpoint` has arrived; their later messages wait in `blockedMessages`. */
  private readonly inputBlocked: boolean[];
  private aligningCheckpoint: number | undefined;
  private blockedMessages: { inputIndex: number; message: Message }[] = [];
  /** The last checkpoint this task took part in. */
  private lastCheckpoint = 0;
  /** Timer callbacks that came due between this task's barrier and the checkpoint's completion. */
  private heldTimers: (() => Promise<void> | void)[] | undefined;
  private checkpointListener: CheckpointListener | undefined;

  constructor(
    readonly node: GraphNode,
    readonly name: string,
    private readonly operator: Operator,
    inputSchema: Schema,
    private readonly state: StateBackend,
    jobMetrics: JobMetrics,
    /** Where dropped rows go (the session's late-record log), and the job name to tag them with. */
    private readonly dropped?: { readonly sink: DroppedRecordSink; readonly job: string },
    /** Every input's schema, by input index (defaults to `[inputSchema]`). */
    inputSchemas: readonly Schema[] = [inputSchema],
  ) {
    this.inputWatermarks = node.inputs.map(() => NO_WATERMARK);
    this.inputIdle = node.inputs.map(() => false);
    this.inputEnded = node.inputs.map(() => false);
    this.inputBlocked = node.inputs.map(() => false);
    this.metrics = jobMetrics.operator(node.id, name);
    const task = this;
    this.context = {
      operatorId: node.id,
      outputSchema: node.schema,
      inputSchema,
      inputSchemas,
      state,
      jobMetrics,
      metrics: this.metrics,
      get currentWatermark() {
        return task.watermark;
      },
      combinedWatermarkIf: (inputIndex, watermark) => this.combinedWatermarkIf(inputIndex, watermark),
      emit: (batch, options) => this.emitBatch(batch, options?.rowKinds, options?.watermarks),
      emitWatermark: (timestamp) => this.emitOwnWatermark(timestamp),
      reportDropped: (row) => this.reportDropped(row),
      scheduleAt: (wallMillis, callback) => this.scheduleAt(wallMillis, callback),
    };
  }

  /** The operator's own description of its event-time progress, if it has one. */
  progress(): OperatorProgress | undefined {
    const progress = this.operator.describeProgress?.();
    if (progress?.kind === 'source-watermark' && this.idle) return { ...progress, idle: true };
    return progress;
  }

  /**
   * The operator's current result (see Operator.currentResult), read in turn with its messages, so it is
   * consistent: between two messages, never halfway through a batch. Undefined when the operator cannot tell it.
   */
  readCurrentResult(): Promise<Value[][] | undefined> {
    return this.inTurn(async () => {
      if (this.closed) throw new ExecutionError(`${this.name} has stopped: its state is gone`);
      const rows = this.operator.currentResult?.();
      return rows === undefined ? undefined : [...rows].map((row) => [...row]);
    });
  }

  /** Whether every input is idle (so this task told its downstream it is idle). */
  get isIdle(): boolean {
    return this.idle;
  }

  /** The combined input watermark (−∞ before the first). */
  get currentWatermark(): number {
    return this.watermark;
  }

  private reportDropped(row: DroppedRow): void {
    if (row.reason === 'late') this.metrics.lateRecords++;
    else this.metrics.futureRecords++;
    this.dropped?.sink.report({ ...row, job: this.dropped.job, operator: this.name });
  }

  /** Whether every input has ended (the task will see no more barriers). */
  get finished(): boolean {
    return this.inputEnded.every(Boolean);
  }

  /** Where this task reports its part of each checkpoint. */
  onCheckpoint(listener: CheckpointListener): void {
    this.checkpointListener = listener;
  }

  /**
   * Recovery: restores the watermarks of a checkpoint and hands the operator its snapshot. After `open()`,
   * before any message.
   */
  async restore(snapshot: TaskSnapshot): Promise<void> {
    const { watermarks } = snapshot;
    if (watermarks.inputWatermarks.length !== this.inputWatermarks.length) {
      throw new InternalError(`${this.name}: the checkpoint has ${watermarks.inputWatermarks.length} inputs, the task ${this.inputWatermarks.length}`);
    }
    this.watermark = watermarks.watermark;
    this.metrics.watermark = watermarks.watermark;
    watermarks.inputWatermarks.forEach((w, i) => (this.inputWatermarks[i] = w));
    // Idleness is not restored: restarted sources are active until they are quiet again for their idle timeout
    // (an input restored as idle would be left out of the minimum while its source sends data).
    this.inputIdle.fill(false);
    this.idle = false;
    await this.operator.restoreState?.(snapshot.operatorState, this.context);
  }

  /**
   * Takes part in checkpoint `checkpointId` without a barrier, when every input has ended (no barrier will come):
   * in turn after the messages queued before it. A task with live inputs answers through its barriers instead.
   */
  joinCheckpointWithoutBarrier(checkpointId: number): Promise<void> {
    return this.inTurn(async () => {
      if (this.finished && this.lastCheckpoint < checkpointId) await this.snapshotFor(checkpointId);
    });
  }

  /** Checkpoint `checkpointId` is durable: the operator may publish (sinks commit); held timers run. */
  checkpointComplete(checkpointId: number): Promise<void> {
    return this.inTurn(() =>
      this.timed(async () => {
        await this.operator.notifyCheckpointComplete?.(checkpointId, this.context);
        const held = this.heldTimers ?? [];
        this.heldTimers = undefined;
        for (const callback of held) {
          await callback();
          this.state.flush();
        }
      }),
    );
  }

  connect(receiver: MessageReceiver, inputIndex: number): void {
    this.downstream.push({ receiver, inputIndex });
  }

  async open(): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    await this.operator.open?.(this.context);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.turn;
    await this.operator.close?.(this.context);
    if (this.timerFailure) throw this.timerFailure;
  }

  /** Runs `work` after every message and timer callback queued before it. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work);
    this.turn = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private scheduleAt(wallMillis: number, callback: () => Promise<void> | void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      this.inTurn(async () => {
        if (this.closed || this.timerFailure) return;
        if (this.heldTimers) {
          this.heldTimers.push(callback);
          return;
        }
        await this.timed(async () => {
          await callback();
          this.state.flush();
        });
      }).catch((caught: unknown) => {
        this.timerFailure ??= caught instanceof Error ? caught : new ExecutionError(`Timer failed: ${String(caught)}`);
      });
    }, Math.max(0, wallMillis - Date.now()));
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  receive(inputIndex: number, message: Message): Promise<void> {
    return this.inTurn(() => this.timed(() => this.receiveNow(inputIndex, message)));
  }

  /** Runs `work`, adding its wall-clock time less the time spent handing output downstream to the busy time. */
  private async timed(work: () => Promise<void>): Promise<void> {
    const start = performance.now();
    const downstreamBefore = this.metrics.backpressuredMs;
    try {
      await work();
    } finally {
      this.metrics.busyMs += performance.now() - start - (this.metrics.backpressuredMs - downstreamBefore);
    }
  }

  private async receiveNow(inputIndex: number, message: Message): Promise<void> {
    if (this.timerFailure) throw this.timerFailure;
    if (this.inputBlocked[inputIndex]) {
      this.blockedMessages.push({ inputIndex, message });
      return;
    }
    switch (message.kind) {
      case 'barrier':
        await this.receiveBarrier(inputIndex, message.checkpointId);
        return;
      case 'data':
        this.metrics.recordsIn += message.batch.numRows;
        await this.operator.processBatch(message, this.context, inputIndex);
        this.state.flush();
        return;
      case 'watermark':
        await this.advanceInputWatermark(inputIndex, message.timestamp);
        return;
      case 'idle':
      case 'active':
        await this.changeInputStatus(inputIndex, message.kind === 'idle');
        return;
      case 'end-of-input':
        this.inputIdle[inputIndex] = false;
        this.inputEnded[inputIndex] = true;
        this.inputsEnded++;
        if (this.inputsEnded < this.inputWatermarks.length) {
          if (this.aligningCheckpoint !== undefined) await this.completeAlignmentIfReady();
          return;
        }
        await this.advanceInputWatermark(inputIndex, END_OF_TIME_WATERMARK, true);
        await this.operator.endOfInput?.(this.context);
        this.state.flush();
        await this.forward({ kind: 'end-of-input' });
        return;
    }
  }

  private async receiveBarrier(inputIndex: number, checkpointId: number): Promise<void> {
    if (this.aligningCheckpoint !== undefined && this.aligningCheckpoint !== checkpointId) {
      throw new InternalError(`${this.name}: barrier ${checkpointId} arrived while aligning checkpoint ${this.aligningCheckpoint}`);
    }
    this.aligningCheckpoint = checkpointId;
    this.inputBlocked[inputIndex] = true;
    await this.completeAlignmentIfReady();
  }

  /** Once every input delivered the barrier or ended: snapshot, forward the barrier, replay what waited. */
  private async completeAlignmentIfReady(): Promise<void> {
    const checkpointId = this.aligningCheckpoint;
    if (checkpointId === undefined) return;
    if (!this.inputBlocked.every((blocked, i) => blocked || this.inputEnded[i])) return;
    this.aligningCheckpoint = undefined;
    await this.snapshotFor(checkpointId);
    await this.forward({ kind: 'barrier', checkpointId });
    this.inputBlocked.fill(false);
    const waiting = this.blockedMessages;
    this.blockedMessages = [];
    for (const { inputIndex, message } of waiting) await this.receiveNow(inputIndex, message);
  }

  private async snapshotFor(checkpointId: number): Promise<void> {
    const operatorState = await this.operator.snapshotState?.(this.context, checkpointId);
    this.state.flush();
    this.lastCheckpoint = checkpointId;
    this.heldTimers ??= [];
    const watermarks: TaskWatermarks = {
      watermark: this.watermark,
      inputWatermarks: [...this.inputWatermarks],
      inputIdle: [...this.inputIdle],
      idle: this.idle,
    };
    this.checkpointListener?.(checkpointId, this, { watermarks, operatorState });
  }

  private async advanceInputWatermark(inputIndex: number, timestamp: number, allInputs = false): Promise<void> {
    if (allInputs) this.inputWatermarks.fill(END_OF_TIME_WATERMARK);
    else if (timestamp > this.inputWatermarks[inputIndex]!) this.inputWatermarks[inputIndex] = timestamp;
    if (allInputs && this.idle) {
      this.idle = false;
      await this.forward({ kind: 'active' });
    }
    await this.advanceTo(this.combinedInputWatermark());
  }

  /** The minimum over active inputs that are not behind this task's watermark; −∞ when there is none. */
  private combinedInputWatermark(override?: { inputIndex: number; watermark: number }): number {
    let combined = Number.POSITIVE_INFINITY;
    let any = false;
    this.inputWatermarks.forEach((current, index) => {
      const watermark = override?.inputIndex === index ? Math.max(current, override.watermark) : current;
      if (this.inputIdle[index] || watermark < this.watermark) return;
      any = true;
      combined = Math.min(combined, watermark);
    });
    return any ? combined : NO_WATERMARK;
  }

  private combinedWatermarkIf(inputIndex: number, watermark: number): number {
    if (this.inputWatermarks.length === 1) return Math.max(this.watermark, watermark);
    return Math.max(this.watermark, this.combinedInputWatermark({ inputIndex, watermark }));
  }

  private async changeInputStatus(inputIndex: number, idle: boolean): Promise<void> {
    if (this.inputIdle[inputIndex] === idle) return;
    this.inputIdle[inputIndex] = idle;
    if (!idle) {
      if (this.idle) {
        this.idle = false;
        await this.forward({ kind: 'active' });
      }
      await this.advanceTo(this.combinedInputWatermark());
      return;
    }
    if (this.inputIdle.every(Boolean)) {
      await this.advanceTo(Math.max(...this.inputWatermarks));
      this.idle = true;
      await this.forward({ kind: 'idle' });
      return;
    }
    await this.advanceTo(this.combinedInputWatermark());
  }

  private async advanceTo(combined: number): Promise<void> {
    if (combined <= this.watermark) return;
    this.watermark = combined;
    this.metrics.watermark = combined;
    await this.operator.processWatermark?.(combined, this.context);
    this.state.flush();
    if (this.operator.forwardsWatermarks !== false) await this.forward({ kind: 'watermark', timestamp: combined });
  }

  /**
   * A watermark the operator generates (the watermark assigner, e.g. when a quiet split goes idle). If this task told
   * its downstream it is idle (its source went quiet), it becomes active first: downstream leaves idle inputs out of
   * its minimum, so the watermark would otherwise be ignored and a window held back by the quiet split never fire.
   */
  private async emitOwnWatermark(timestamp: number): Promise<void> {
    if (this.idle) {
      this.idle = false;
      await this.forward({ kind: 'active' });
    }
    await this.forward({ kind: 'watermark', timestamp });
  }

  private async emitBatch(batch: RecordBatch, rowKinds?: Uint8Array, watermarks?: Float64Array): Promise<void> {
    if (batch.numRows === 0) return;
    this.metrics.recordsOut += batch.numRows;
    await this.forward(dataMessage(batch, rowKinds, watermarks));
  }

  private forward(message: Message): Promise<void> {
    return deliver(this.downstream, message, this.metrics);
  }
}

/** Hands `message` to each downstream input in turn; the time it takes (waiting for them) is backpressured time. */
export async function deliver(downstream: readonly Downstream[], message: Message, metrics: OperatorMetrics): Promise<void> {
  const start = performance.now();
  try {
    for (const { receiver, inputIndex } of downstream) await receiver.receive(inputIndex, message);
  } finally {
    metrics.backpressuredMs += performance.now() - start;
  }
}
