/**
 * A running dataflow: one task per operator, one driver per source. Sources run concurrently and push batches
 * through the graph (awaiting downstream work gives backpressure). Bounded sources end with end-of-input, which
 * becomes the final +∞ watermark in every task and flushes all open windows.
 *
 * Idle sources: with an idle timeout (JobOptions.sourceIdleTimeoutMs), a source that produces nothing for that long is announced `idle` downstream, so tasks
 * with several inputs stop waiting for its watermark; its next batch is preceded by `active`.
 */
import type { ConnectorDescriptor, DataflowGraph, GraphNode } from '../dataflow/graph.js';
import { ExecutionError, InternalError, isSluiceError } from '../common/errors.js';
import type { ConnectorRegistry, SourceReader } from './connector.js';
import { dataMessage, type Message } from './messages.js';
import { JobMetrics } from './metrics.js';
import type { StateBackend } from './state/backend.js';
import { Task, type MessageReceiver } from './task.js';
import type { DroppedRecordSink, OperatorProgress } from './operator.js';
import { createOperator, OPERATOR_NAMES } from './registry.js';
import type { CollectTarget } from './operators/collect.js';

export interface JobOptions {
  readonly name: string;
  readonly graph: DataflowGraph;
  readonly connectors: ConnectorRegistry;
  readonly state: StateBackend;
  readonly batchSize: number;
  readonly collectTargets?: ReadonlyMap<number, CollectTarget>;
  /** Receives every row an operator drops as late or too far in the future (the session's late-record log). */
  readonly droppedRecords?: DroppedRecordSink;
  /**
   * Each source's idle timeout in ms (the table's `'scan.watermark.idle-timeout'`, else
   * `SET 'table.exec.source.idle-timeout'`; the session resolves both); absent or 0: never idle.
   */
  readonly sourceIdleTimeoutMs?: (connector: ConnectorDescriptor) => number;
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
}

interface SourceDriver {
  readonly node: GraphNode;
  readonly reader: SourceReader;
  readonly downstream: { receiver: MessageReceiver; inputIndex: number }[];
}

export class Job {
  readonly metrics = new JobMetrics();
  private readonly abort = new AbortController();
  private readonly tasks: Task[] = [];
  private readonly sources: SourceDriver[] = [];
  private status: JobStatus = 'running';
  /** Progress as it was when the job stopped (operators are closed afterwards, their state released). */
  private finalProgress: TaskProgress[] | undefined;
  private outcome: Promise<JobOutcome> | undefined;

  constructor(private readonly options: JobOptions) {
    const byId = new Map<number, Task | SourceDriver>();
    const collectTargets = options.collectTargets ?? new Map<number, CollectTarget>();
    for (const node of options.graph.nodes) {
      if (node.spec.kind === 'source') {
        const driver: SourceDriver = { node, reader: options.connectors.createSource(node.spec.connector), downstream: [] };
        this.sources.push(driver);
        byId.set(node.id, driver);
        continue;
      }
      const operator = createOperator(node, { connectors: options.connectors, collectTargets });
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
  }

  get name(): string {
    return this.options.name;
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
    try {
      for (const task of this.tasks) await task.open();
      await Promise.all(this.sources.map((source) => this.drive(source)));
    } catch (caught) {
      error = asError(caught);
      this.abort.abort();
    }
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
    } catch (caught) {
      error ??= asError(caught);
    }
    this.status = error ? 'failed' : this.abort.signal.aborted ? 'cancelled' : 'finished';
    const outcome: JobOutcome = { status: this.status, metrics: this.metrics, elapsedMs: Date.now() - started };
    return error ? { ...outcome, error } : outcome;
  }

  private async drive(source: SourceDriver): Promise<void> {
    const spec = source.node.spec;
    if (spec.kind !== 'source') throw new InternalError('not a source');
    const context = { batchSize: this.options.batchSize, signal: this.abort.signal, metrics: this.metrics.table(spec.connector.table) };
    const send = async (message: Message): Promise<void> => {
      for (const { receiver, inputIndex } of source.downstream) await receiver.receive(inputIndex, message);
    };
    const idleTimeout = this.options.sourceIdleTimeoutMs?.(spec.connector) ?? 0;
    const iterator = source.reader.read(context)[Symbol.asyncIterator]();
    let idle = false;
    for (;;) {
      const next = iterator.next();
      let result = idle || idleTimeout <= 0 ? await next : await withinTimeout(next, idleTimeout);
      while (result === TIMED_OUT) {
        // The reader keeps running: it is the same pending `next` we wait on, now without a deadline.
        idle = true;
        await send({ kind: 'idle' });
        result = await next;
      }
      if (this.abort.signal.aborted) {
        if (!result.done) await iterator.return?.();
        return;
      }
      if (idle && (result.done || result.value.numRows > 0)) {
        idle = false;
        await send({ kind: 'active' });
      }
      if (result.done) break;
      if (result.value.numRows > 0) await send(dataMessage(result.value));
    }
    await send({ kind: 'end-of-input' });
  }
}

const TIMED_OUT: unique symbol = Symbol('timed out');

/** `pending`'s result, or TIMED_OUT if it takes longer than `millis` (the timer is cleared either way). */
async function withinTimeout<T>(pending: Promise<T>, millis: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), millis);
  });
  try {
    return await Promise.race([pending, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function asError(caught: unknown): Error {
  if (caught instanceof Error) return caught;
  return new ExecutionError(`Job failed: ${String(caught)}`);
}

export { isSluiceError };
