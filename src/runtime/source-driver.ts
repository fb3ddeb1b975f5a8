/**
 * Drives one source: pulls batches from its reader and pushes them into the graph (awaiting downstream work gives
 * backpressure), announces idleness after the idle timeout, and injects checkpoint barriers.
 *
 * A barrier is injected between batches, even while the reader is waiting for input (the pending read is kept and
 * awaited again afterwards). After its barrier the source pauses until the checkpoint completes: nothing after the
 * barrier may reach operator state before the checkpoint is committed (see task.ts). A source that ends while a
 * barrier is requested injects it before its end of input.
 */
import type { RecordBatch } from 'apache-arrow';
import type { GraphNode } from '../dataflow/graph.js';
import { InternalError } from '../common/errors.js';
import { batchOf, isChangelogBatch, type ChangelogBatch, type SourceContext, type SourcePosition, type SourceReader } from './connector.js';
import { dataMessage, type Message } from './messages.js';
import { deliver, type Downstream } from './task.js';
import { OperatorMetrics } from './metrics.js';
import { failpoint } from './checkpoint/failpoints.js';

/** What the checkpoint coordinator needs from a source. */
export interface CheckpointedSource {
  readonly node: GraphNode;
  readonly table: string;
  /** Whether the source has sent end of input. */
  readonly ended: boolean;
  /** Asks for a barrier; `onInjected` runs with the position the barrier stands for, right before it is sent. */
  requestBarrier(checkpointId: number, onInjected: (position: SourcePosition) => void, resume: Promise<void>): void;
  /** The reader's current position (for a source that has ended: its end). */
  position(): SourcePosition;
}

interface BarrierRequest {
  readonly checkpointId: number;
  readonly onInjected: (position: SourcePosition) => void;
  /** Settles when the checkpoint completes (or the job stops). */
  readonly resume: Promise<void>;
}

/** How long a source pushes ready batches before it lets timers and I/O run. */
const SHARE_THREAD_AFTER_MS = 25;

type Event = { kind: 'batch'; result: IteratorResult<RecordBatch | ChangelogBatch> } | { kind: 'timeout' } | { kind: 'barrier' };

export class SourceDriver implements CheckpointedSource {
  readonly downstream: Downstream[] = [];
  private barrier: BarrierRequest | undefined;
  /**
   * The reader's position after the last batch sent downstream (undefined before the first: the reader's start).
   * Taken when the batch arrives — the reader is suspended at its `yield` then — not when a barrier is injected: a
   * barrier may win the race against a batch that has arrived but is not sent yet.
   */
  private sentPosition: { readonly value: SourcePosition } | undefined;
  private wakeForBarrier: (() => void) | undefined;
  private hasEnded = false;
  /** When this source last let the event loop take a turn (performance.now()). */
  private sharedAt = performance.now();

  constructor(
    readonly node: GraphNode,
    readonly reader: SourceReader,
    /** Rows sent downstream and the time spent waiting for downstream to take them (backpressure). */
    readonly metrics: OperatorMetrics = new OperatorMetrics(node.id, `source#${node.id}`),
  ) {
    if (node.spec.kind !== 'source') throw new InternalError('not a source');
  }

  get table(): string {
    return this.node.spec.kind === 'source' ? this.node.spec.connector.table : '';
  }

  get ended(): boolean {
    return this.hasEnded;
  }

  requestBarrier(checkpointId: number, onInjected: (position: SourcePosition) => void, resume: Promise<void>): void {
    this.barrier = { checkpointId, onInjected, resume };
    this.wakeForBarrier?.();
  }

  position(): SourcePosition {
    if (!this.reader.snapshotPosition) throw new InternalError(`source '${this.table}' has no position`);
    return this.reader.snapshotPosition();
  }

  /** Runs the source to its end (or until `context.signal` aborts). */
  async drive(context: SourceContext, idleTimeoutMs: number): Promise<void> {
    if (context.startPosition !== undefined) this.sentPosition = { value: context.startPosition };
    const iterator = this.reader.read(context)[Symbol.asyncIterator]();
    let idle = false;
    const stopped = aborted(context.signal);
    // One pending read at a time, awaited again after a barrier or an idle timeout won the race.
    let pending: Promise<Event> | undefined;
    for (;;) {
      pending ??= iterator.next().then((result): Event => ({ kind: 'batch', result }));
      const event = await this.nextEvent(pending, idle ? 0 : idleTimeoutMs);
      if (context.signal.aborted) {
        if (event.kind !== 'batch' || !event.result.done) void iterator.return?.()?.catch?.(() => undefined);
        return;
      }
      if (event.kind === 'barrier') {
        await this.injectBarrier(stopped);
        continue;
      }
      if (event.kind === 'timeout') {
        // The reader keeps running: the same pending read is awaited again, now without a deadline.
        idle = true;
        await this.send({ kind: 'idle' });
        continue;
      }
      pending = undefined;
      const result = event.result;
      const positionAfter = result.done ? undefined : this.reader.snapshotPosition?.();
      const changelog = result.done || !isChangelogBatch(result.value) ? undefined : result.value;
      const batch = result.done ? undefined : batchOf(result.value);
      if (idle && (batch === undefined || batch.numRows > 0)) {
        idle = false;
        await this.send({ kind: 'active' });
      }
      if (batch === undefined) break;
      if (batch.numRows > 0) {
        failpoint('source-mid-batch');
        await this.send(dataMessage(batch, changelog?.rowKinds));
      }
      this.sentPosition = { value: positionAfter };
      await this.shareTheThread();
    }
    if (this.barrier) await this.injectBarrier(stopped);
    this.hasEnded = true;
    await this.send({ kind: 'end-of-input' });
  }

  /**
   * A source whose input is ready (a backlog in Kafka, batches in memory) pushes batch after batch through promise
   * chains, which never let timers and I/O run: processing-time timers, checkpoint triggers, idle timeouts, Kafka
   * heartbeats and the REST server would wait until the input ran dry. After SHARE_THREAD_AFTER_MS of that, the
   * source lets the event loop take a turn (a few dozen times a second: no cost that shows in the benchmarks).
   */
  private async shareTheThread(): Promise<void> {
    const now = performance.now();
    if (now - this.sharedAt < SHARE_THREAD_AFTER_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.sharedAt = performance.now();
  }

  private async injectBarrier(stopped: Promise<void>): Promise<void> {
    const request = this.barrier;
    if (!request) return;
    this.barrier = undefined;
    request.onInjected(this.sentPosition ? this.sentPosition.value : this.position());
    await this.send({ kind: 'barrier', checkpointId: request.checkpointId });
    failpoint('barrier-injected');
    await Promise.race([request.resume, stopped]);
  }

  /** The next batch, an idle timeout, or a barrier request — whichever comes first (a barrier wins ties). */
  private nextEvent(pending: Promise<Event>, timeoutMs: number): Promise<Event> {
    if (this.barrier) return Promise.resolve({ kind: 'barrier' });
    const waits: Promise<Event>[] = [
      new Promise<Event>((resolve) => {
        this.wakeForBarrier = () => resolve({ kind: 'barrier' });
      }),
      pending,
    ];
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (timeoutMs > 0) waits.push(new Promise<Event>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs))));
    return Promise.race(waits).finally(() => {
      clearTimeout(timer);
      this.wakeForBarrier = undefined;
    });
  }

  private send(message: Message): Promise<void> {
    if (message.kind === 'data') this.metrics.recordsOut += message.batch.numRows;
    return deliver(this.downstream, message, this.metrics);
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
