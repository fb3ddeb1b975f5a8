/**
 * A running dataflow: one task per operator, one driver per source. Sources run concurrently and push batches
 * through the graph (awaiting downstream work gives backpressure). Bounded sources end with end-of-input, which
 * becomes the final +∞ watermark in every task and flushes all open windows.
 *
 * Idle sources: with an idle timeout (JobOptions.sourceIdleTimeoutMs), a source that produces nothing for that long is announced `idle` downstream, so tasks
 * with several inputs stop waiting for its watermark; its next batch is preceded by `active`.
 *
 * Checkpoints (JobOptions.checkpointing): a coordinator takes aligned checkpoints into the job database; a job
 * restored from a checkpoint restores state, watermarks and operator snapshots before its sources, rewound to the
 * checkpoint's positions, send anything.
 */
import { statSync } from 'node:fs';
import type { ConnectorDescriptor, DataflowGraph, GraphNode } from '../dataflow/graph.js';
import { ExecutionError, InternalError, isSluiceError } from '../common/errors.js';
import type { Value } from '../common/values.js';
import type { ConnectorRegistry, ParallelDecode, SkippedRecord } from './connector.js';
import { JobMetrics } from './metrics.js';
import type { StateBackend } from './state/backend.js';
import { Task } from './task.js';
import type { DroppedRecordSink, OperatorProgress } from './operator.js';
import { createOperator, keepsResultRows, OPERATOR_NAMES } from './registry.js';
import type { CollectTarget } from './operators/collect.js';
import { SourceDriver } from './source-driver.js';
import { CheckpointCoordinator, type CheckpointEvent } from './checkpoint/coordinator.js';
import type { CheckpointRecord } from './checkpoint/checkpoint-record.js';
import type { CheckpointStore } from './checkpoint/checkpoint-store.js';
import { operatorIdentities } from './checkpoint/operator-identity.js';
import { failpoint } from './checkpoint/failpoints.js';

export interface CheckpointingOptions {
  /** The job database; the state backend writes into the same database (see CheckpointStore). */
  readonly store: CheckpointStore;
  /** `'execution.checkpointing.interval'` in ms; 0: only the final checkpoint of a bounded job. */
  readonly intervalMs: number;
  /** The checkpoint (or savepoint) to resume from, its parts keyed by this job's node ids. */
  readonly restore?: CheckpointRecord;
  readonly onCheckpoint?: (event: CheckpointEvent) => void;
}

export interface JobOptions {
  readonly name: string;
  readonly graph: DataflowGraph;
  readonly connectors: ConnectorRegistry;
  readonly state: StateBackend;
  readonly batchSize: number;
  /** Whether Calc and watermark assigners use the vector kernels where they apply (default true). */
  readonly vectorizedExpressions?: boolean;
  /** Passed to every source's context (see SourceContext.parallelDecode). */
  readonly parallelDecode?: ParallelDecode;
  /** Passed to every source's context (see SourceContext.decodeThreads). */
  readonly decodeThreads?: number;
  readonly collectTargets?: ReadonlyMap<number, CollectTarget>;
  /** Receives every row an operator drops as late or too far in the future (the session's late-record log). */
  readonly droppedRecords?: DroppedRecordSink;
  /** Receives every malformed record a source skips under ignore-parse-errors (the session's malformed-record log). */
  readonly malformedRecords?: (record: SkippedRecord & { readonly table: string; readonly job: string }) => void;
  /**
   * Each source's idle timeout in ms (the table's `'scan.watermark.idle-timeout'`, else
   * `SET 'table.exec.source.idle-timeout'`; the session resolves both); absent or 0: never idle.
   */
  readonly sourceIdleTimeoutMs?: (connector: ConnectorDescriptor) => number;
  readonly checkpointing?: CheckpointingOptions;
}

/** One operator's progress while the job runs (SHOW WATERMARKS). */
export interface TaskProgress {
  readonly operatorId: number;
  /** Display name, e.g. `WindowAggregate#5`. */
  readonly operator: string;
  /** The operator's combined input watermark (−∞ before the first). */
  readonly watermark: number;
  readonly progress: OperatorProgress;
}

export type JobStatus = 'running' | 'finished' | 'cancelled' | 'failed';

export interface JobOutcome {
  readonly status: Exclude<JobStatus, 'running'>;
  readonly metrics: JobMetrics;
  readonly elapsedMs: number;
  readonly error?: Error;
  /** The job had already finished in an earlier run (restored from its final checkpoint): nothing was read. */
  readonly alreadyFinished?: boolean;
  /** Checkpoints of this run (absent when the job does not checkpoint). */
  readonly checkpoints?: CheckpointStats;
}

/** What a checkpointed run did: where it resumed from, how many checkpoints it completed, how long they took. */
export interface CheckpointStats {
  /** The checkpoint (id and kind) the run resumed from, if any. */
  readonly restoredFrom?: { readonly id: number; readonly kind: string; readonly completedAt: number };
  readonly completed: number;
  readonly lastId?: number;
  /** The longest time sources were paused for a checkpoint (barriers → durable → sinks committed), ms. */
  readonly maxPauseMs: number;
  readonly totalPauseMs: number;
  /** The last RECENT_CHECKPOINTS completed checkpoints and savepoints, newest first. */
  readonly recent: readonly CompletedCheckpoint[];
  /** The job database's size in bytes (state, positions and checkpoint records), when last measured. */
  readonly databaseBytes?: number;
}

/** One completed checkpoint: what it was, when it completed and how long each part took. */
export interface CompletedCheckpoint extends CheckpointEvent {
  /** Wall-clock time it became durable and complete, epoch ms. */
  readonly completedAt: number;
}

/** How many completed checkpoints CheckpointStats.recent keeps. */
export const RECENT_CHECKPOINTS = 10;

export class Job {
  readonly metrics = new JobMetrics();
  private readonly abort = new AbortController();
  private readonly tasks: Task[] = [];
  private readonly sources: SourceDriver[] = [];
  private status: JobStatus = 'running';
  /** Progress as it was when the job stopped (operators are closed afterwards, their state released). */
  private finalProgress: TaskProgress[] | undefined;
  private outcome: Promise<JobOutcome> | undefined;
  private readonly coordinator: CheckpointCoordinator | undefined;
  /** A failure from outside the sources' push (a checkpoint that could not be written). */
  private failure: Error | undefined;
  private readonly stats: { completed: number; lastId?: number; maxPauseMs: number; totalPauseMs: number; recent: CompletedCheckpoint[]; databaseBytes?: number } = {
    completed: 0,
    maxPauseMs: 0,
    totalPauseMs: 0,
    recent: [],
  };

  constructor(private readonly options: JobOptions) {
    const byId = new Map<number, Task | SourceDriver>();
    const collectTargets = options.collectTargets ?? new Map<number, CollectTarget>();
    this.metrics.watermarkClock.setUpstream(upstreamAssigners(options.graph));
    for (const node of options.graph.nodes) {
      if (node.spec.kind === 'source') {
        const driver = new SourceDriver(node, options.connectors.createSource(node.spec.connector), this.metrics.source(node.id, `${OPERATOR_NAMES.source}#${node.id}`));
        if (options.checkpointing && !driver.reader.snapshotPosition) {
          throw new ExecutionError(`Table '${node.spec.connector.table}' (connector '${node.spec.connector.connector}') cannot be checkpointed: its source cannot report a position to resume from`);
        }
        this.sources.push(driver);
        byId.set(node.id, driver);
        continue;
      }
      const operator = createOperator(node, { connectors: options.connectors, collectTargets, jobName: options.name,
        checkpointing: options.checkpointing !== undefined,
        vectorized: options.vectorizedExpressions ?? true,
        restoring: options.checkpointing?.restore !== undefined,
        inputChangelogs: node.inputs.map((edge) => options.graph.nodes.find((n) => n.id === edge.from)?.changelog ?? 'updates'),
      });
      const first = node.inputs[0];
      const inputSchema = first ? options.graph.nodes.find((n) => n.id === first.from)!.schema : node.schema;
      const inputSchemas = node.inputs.map((edge) => options.graph.nodes.find((n) => n.id === edge.from)?.schema ?? node.schema);
      const dropped = options.droppedRecords ? { sink: options.droppedRecords, job: options.name } : undefined;
      const task = new Task(node, `${OPERATOR_NAMES[node.spec.kind]}#${node.id}`, operator, inputSchema, options.state, this.metrics, dropped, inputSchemas);
      node.inputs.forEach((edge, inputIndex) => {
        const upstream = byId.get(edge.from);
        if (!upstream) throw new InternalError(`Node ${node.id} reads from unknown node ${edge.from}`);
        if (upstream instanceof Task) upstream.connect(task, inputIndex);
        else upstream.downstream.push({ receiver: task, inputIndex });
      });
      this.tasks.push(task);
      byId.set(node.id, task);
    }
    if (options.checkpointing) {
      this.coordinator = new CheckpointCoordinator({
        jobName: options.name,
        store: options.checkpointing.store,
        state: options.state,
        tasks: this.tasks,
        sources: this.sources,
        identities: operatorIdentities(options.graph),
        signal: this.abort.signal,
        onCheckpoint: (event) => {
          this.stats.completed++;
          this.stats.lastId = event.id;
          const pause = event.durationMs + event.notifyMs;
          this.stats.maxPauseMs = Math.max(this.stats.maxPauseMs, pause);
          this.stats.totalPauseMs += pause;
          this.stats.recent.unshift({ ...event, completedAt: Date.now() });
          this.stats.recent.length = Math.min(this.stats.recent.length, RECENT_CHECKPOINTS);
          this.stats.databaseBytes = fileSize(options.checkpointing!.store.file);
          options.checkpointing?.onCheckpoint?.(event);
        },
      });
    }
  }

  /**
   * Takes a savepoint into `directory` (a copy of the job database at a checkpoint); undefined when the job does not
   * checkpoint or stopped first.
   */
  async savepoint(directory: string): Promise<CheckpointRecord | undefined> {
    return this.coordinator?.savepoint(directory);
  }

  /** Whether the job takes checkpoints (and so can take savepoints). */
  get checkpointing(): boolean {
    return this.coordinator !== undefined;
  }

  /** Takes a checkpoint now (tests); undefined when the job does not checkpoint or stopped first. */
  async checkpointNow(): Promise<CheckpointRecord | undefined> {
    return this.coordinator?.trigger('checkpoint');
  }

  get name(): string {
    return this.options.name;
  }

  get graph(): DataflowGraph {
    return this.options.graph;
  }

  /**
   * Queryable state: the current result of operator `nodeId` (see Operator.currentResult), read between two of
   * its messages. Fails when the job is not running (its state is gone) or the operator cannot tell its result.
   */
  async currentResult(nodeId: number): Promise<Value[][]> {
    const task = this.tasks.find((t) => t.node.id === nodeId);
    if (!task) throw new InternalError(`Job '${this.name}' has no operator #${nodeId}`);
    if (!keepsResultRows(task.node)) throw new ExecutionError(`${task.name} of job '${this.name}' does not keep its result rows in state`);
    if (this.status !== 'running') throw new ExecutionError(`Job '${this.name}' is ${this.status}: its state is gone`);
    const rows = await task.readCurrentResult();
    if (rows === undefined) throw new InternalError(`${task.name} keeps its result rows but cannot tell them`);
    return rows;
  }

  get currentStatus(): JobStatus {
    return this.status;
  }

  /** Starts the job (once); the promise settles when it ends, never rejects: failures are in the outcome. */
  run(): Promise<JobOutcome> {
    this.outcome ??= this.execute();
    return this.outcome;
  }

  /** Event-time progress of every operator that describes it, in graph order. */
  progress(): TaskProgress[] {
    if (this.finalProgress) return this.finalProgress;
    const result: TaskProgress[] = [];
    for (const task of this.tasks) {
      const progress = task.progress();
      if (progress) result.push({ operatorId: task.node.id, operator: task.name, watermark: task.currentWatermark, progress });
    }
    return result;
  }

  cancel(): void {
    if (this.status === 'running') this.abort.abort();
  }

  private async execute(): Promise<JobOutcome> {
    const started = Date.now();
    let error: Error | undefined;
    const checkpointing = this.options.checkpointing;
    const restore = checkpointing?.restore;
    const alreadyFinished = restore?.kind === 'final';
    try {
      checkpointing?.store.beginEpoch();
      if (restore) this.options.state.restore?.();
      for (const task of this.tasks) await task.open();
      if (restore) await this.restoreTasks(restore);
      if (!alreadyFinished) {
        this.coordinator?.start(checkpointing?.intervalMs ?? 0, (failure) => this.fail(failure));
        await Promise.all(this.sources.map((source) => this.drive(source, restore)));
        if (this.failure) throw this.failure;
        if (this.coordinator && !this.abort.signal.aborted) await this.coordinator.finish();
      }
    } catch (caught) {
      error = asError(caught);
      this.abort.abort();
    }
    this.coordinator?.stop();
    if (this.failure) error ??= this.failure;
    try {
      this.finalProgress = this.progress();
    } catch {
      this.finalProgress = [];
    }
    for (const task of [...this.tasks].reverse()) {
      try {
        await task.close();
      } catch (caught) {
        error ??= asError(caught);
      }
    }
    try {
      this.options.state.close();
      checkpointing?.store.close();
    } catch (caught) {
      error ??= asError(caught);
    }
    this.status = error ? 'failed' : this.abort.signal.aborted ? 'cancelled' : 'finished';
    const outcome: JobOutcome = {
      status: this.status,
      metrics: this.metrics,
      elapsedMs: Date.now() - started,
      ...(alreadyFinished ? { alreadyFinished } : {}),
      ...(checkpointing ? { checkpoints: this.checkpointStats() } : {}),
    };
    return error ? { ...outcome, error } : outcome;
  }

  /** Checkpoints so far (absent when the job does not checkpoint). */
  checkpointStats(): CheckpointStats | undefined {
    const restore = this.options.checkpointing?.restore;
    if (!this.options.checkpointing) return undefined;
    return { ...this.stats, recent: [...this.stats.recent], ...(restore ? { restoredFrom: { id: restore.id, kind: restore.kind, completedAt: restore.completedAt } } : {}) };
  }

  private fail(failure: Error): void {
    this.failure ??= failure;
    this.abort.abort();
  }

  /** Hands every task its part of the checkpoint (matched by node id; the caller mapped savepoints onto them). */
  private async restoreTasks(record: CheckpointRecord): Promise<void> {
    const parts = new Map(record.tasks.map((part) => [part.nodeId, part]));
    failpoint('restore');
    for (const task of this.tasks) {
      const part = parts.get(task.node.id);
      if (part) await task.restore({ watermarks: part.watermarks, operatorState: part.operatorState });
    }
  }

  private reportMalformed(table: string, sink: NonNullable<JobOptions['malformedRecords']>): (record: SkippedRecord) => void {
    return (record) => sink({ ...record, table, job: this.name });
  }

  private async drive(source: SourceDriver, restore: CheckpointRecord | undefined): Promise<void> {
    const spec = source.node.spec;
    if (spec.kind !== 'source') throw new InternalError('not a source');
    const position = restore?.sources.find((part) => part.nodeId === source.node.id);
    const context = {
      batchSize: this.options.batchSize,
      ...(this.options.parallelDecode ? { parallelDecode: this.options.parallelDecode } : {}),
      ...(this.options.decodeThreads ? { decodeThreads: this.options.decodeThreads } : {}),
      signal: this.abort.signal,
      metrics: this.metrics.table(spec.connector.table),
      ...(position ? { startPosition: position.position } : {}),
      ...(this.options.malformedRecords ? { reportMalformed: this.reportMalformed(spec.connector.table, this.options.malformedRecords) } : {}),
    };
    await source.drive(context, this.options.sourceIdleTimeoutMs?.(spec.connector) ?? 0);
  }
}

/** A file's size in bytes; undefined when it cannot be read. */
function fileSize(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

function asError(caught: unknown): Error {
  if (caught instanceof Error) return caught;
  return new ExecutionError(`Job failed: ${String(caught)}`);
}

export { isSluiceError };

/** Per node, the watermark assigners it reads from, directly or through other operators. */
function upstreamAssigners(graph: DataflowGraph): Map<number, readonly number[]> {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const found = new Map<number, readonly number[]>();
  const visit = (id: number): readonly number[] => {
    const known = found.get(id);
    if (known) return known;
    const node = byId.get(id);
    if (!node) return [];
    const own = node.spec.kind === 'watermark-assigner' ? [id] : [];
    const result = [...new Set([...own, ...node.inputs.flatMap((edge) => visit(edge.from))])];
    found.set(id, result);
    return result;
  };
  for (const node of graph.nodes) visit(node.id);
  return found;
}
