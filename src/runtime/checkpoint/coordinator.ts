/**
 * The checkpoint coordinator (Flink's CheckpointCoordinator, on one machine): every interval it asks each running
 * source for a barrier; tasks align the barriers and report their parts (watermarks, operator snapshot); sources
 * that already ended report their final position and finished tasks snapshot without a barrier. When every part is
 * in, the state backends write their changes into the job database's open transaction and the store commits them
 * together with the record (durably). Only then are operators told the checkpoint is complete (sinks publish) and
 * the paused sources resume. One checkpoint at a time.
 *
 * At the end of a bounded job, a `final` checkpoint covers the sinks' last output: the job is recorded as finished
 * and a restart only completes any commit that a crash interrupted.
 */
import type { StateBackend } from '../state/backend.js';
import type { SourcePosition } from '../connector.js';
import type { Task, TaskSnapshot } from '../task.js';
import type { CheckpointedSource } from '../source-driver.js';
import type { CheckpointKind, CheckpointRecord, SourceCheckpoint, TaskCheckpoint } from './checkpoint-record.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { OperatorIdentity } from './operator-identity.js';

/** What the coordinator tells the job about each completed checkpoint. */
export interface CheckpointEvent {
  readonly id: number;
  readonly kind: CheckpointKind;
  /** From the request for barriers to the durable commit. */
  readonly durationMs: number;
  /** Of which: writing state changes and committing the database. */
  readonly commitMs: number;
  /** Then: operators' completion work (sinks' commits) while sources wait. */
  readonly notifyMs: number;
}

export interface CoordinatorOptions {
  readonly jobName: string;
  readonly store: CheckpointStore;
  readonly state: StateBackend;
  readonly tasks: readonly Task[];
  readonly sources: readonly CheckpointedSource[];
  readonly identities: ReadonlyMap<number, OperatorIdentity>;
  readonly signal: AbortSignal;
  readonly onCheckpoint?: (event: CheckpointEvent) => void;
}

interface PendingCheckpoint {
  readonly id: number;
  readonly taskParts: Map<Task, TaskSnapshot>;
  readonly sourceParts: Map<CheckpointedSource, { position: SourcePosition; ended: boolean }>;
  allIn: () => void;
}

export class CheckpointCoordinator {
  private nextId: number;
  private pending: PendingCheckpoint | undefined;
  private running: Promise<CheckpointRecord | undefined> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Settles when the job stops (one listener for the job's life). */
  private readonly stopped: Promise<void>;

  constructor(private readonly options: CoordinatorOptions) {
    this.nextId = options.store.nextCheckpointId();
    this.stopped = stopped(options.signal);
    for (const task of options.tasks) task.onCheckpoint((id, t, snapshot) => this.acknowledge(id, t, snapshot));
  }

  /** Starts periodic checkpoints; a failed checkpoint is reported to `onFailure` (the job fails). */
  start(intervalMs: number, onFailure: (error: Error) => void): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running || this.options.signal.aborted) return;
      if (this.options.sources.every((source) => source.ended)) return;
      this.trigger('checkpoint').catch((error: unknown) => onFailure(error instanceof Error ? error : new Error(String(error))));
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes a checkpoint now (or joins the one in progress); undefined when the job stopped first. */
  trigger(kind: CheckpointKind): Promise<CheckpointRecord | undefined> {
    this.running ??= this.take(kind).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Takes a savepoint into `directory` (after the checkpoint in progress, if any); undefined if the job stopped. */
  async savepoint(directory: string): Promise<CheckpointRecord | undefined> {
    while (this.running) await this.running;
    this.running = this.take('savepoint', directory).finally(() => (this.running = undefined));
    return this.running;
  }

  /** After every source ended and every task finished: the last checkpoint, with the sinks' final output. */
  async finish(): Promise<void> {
    this.stop();
    if (this.running) await this.running;
    await this.trigger('final');
  }

  private async take(kind: CheckpointKind, savepointDirectory?: string): Promise<CheckpointRecord | undefined> {
    const started = performance.now();
    const id = this.nextId++;
    let allIn!: () => void;
    const complete = new Promise<void>((resolve) => (allIn = resolve));
    const pending: PendingCheckpoint = { id, taskParts: new Map(), sourceParts: new Map(), allIn };
    this.pending = pending;
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    try {
      for (const source of this.options.sources) {
        if (source.ended) pending.sourceParts.set(source, { position: source.position(), ended: true });
        else source.requestBarrier(id, (position) => this.sourceInjected(pending, source, position), resumed);
      }
      const joins = this.options.tasks.map((task) => task.joinCheckpointWithoutBarrier(id));
      this.checkAllIn(pending);
      await Promise.race([complete, this.stopped, Promise.all(joins).then(() => new Promise<void>(() => undefined))]);
      if (this.options.signal.aborted) return undefined;
      const commitStarted = performance.now();
      this.options.state.prepareCheckpoint();
      const record = this.record(pending, kind);
      this.options.store.complete(record, savepointDirectory);
      const committed = performance.now();
      for (const task of this.options.tasks) await task.checkpointComplete(id);
      const finished = performance.now();
      this.options.onCheckpoint?.({
        id,
        kind,
        durationMs: committed - started,
        commitMs: committed - commitStarted,
        notifyMs: finished - committed,
      });
      return record;
    } finally {
      this.pending = undefined;
      resume();
    }
  }

  private sourceInjected(pending: PendingCheckpoint, source: CheckpointedSource, position: SourcePosition): void {
    pending.sourceParts.set(source, { position, ended: false });
    this.checkAllIn(pending);
  }

  private acknowledge(checkpointId: number, task: Task, snapshot: TaskSnapshot): void {
    const pending = this.pending;
    if (!pending || pending.id !== checkpointId) return;
    pending.taskParts.set(task, snapshot);
    this.checkAllIn(pending);
  }

  private checkAllIn(pending: PendingCheckpoint): void {
    if (pending.taskParts.size === this.options.tasks.length && pending.sourceParts.size === this.options.sources.length) pending.allIn();
  }

  private record(pending: PendingCheckpoint, kind: CheckpointKind): CheckpointRecord {
    const uid = (nodeId: number): string => this.options.identities.get(nodeId)?.uid ?? String(nodeId);
    const sources: SourceCheckpoint[] = this.options.sources.map((source) => {
      const part = pending.sourceParts.get(source)!;
      return { nodeId: source.node.id, uid: uid(source.node.id), table: source.table, position: part.position, ended: part.ended };
    });
    const tasks: TaskCheckpoint[] = this.options.tasks.map((task) => {
      const part = pending.taskParts.get(task)!;
      const signature = this.options.identities.get(task.node.id)?.signature ?? '';
      return { nodeId: task.node.id, uid: uid(task.node.id), operator: task.name, signature, watermarks: part.watermarks, operatorState: part.operatorState };
    });
    return { id: pending.id, kind, jobName: this.options.jobName, completedAt: Date.now(), sources, tasks };
  }
}

function stopped(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
