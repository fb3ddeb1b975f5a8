/**
 * The hand-over between kafkajs' fetch loop (which pushes fetched records) and the source's async generator
 * (which pulls them into batches). Bounded in size: kafkajs waits, heartbeating, while the feed is full, which
 * gives backpressure from the job down to the broker.
 */
import type { KafkaMessage } from 'kafkajs';
import type { PartitionPlan } from './partition-plan.js';

export type FeedEvent =
  | {
      readonly kind: 'records';
      readonly plan: PartitionPlan;
      readonly messages: readonly KafkaMessage[];
      /** The partition's end offset (the next offset to be written) when the records were fetched. */
      readonly highWatermark?: number;
    }
  /** A bounded partition reached its end offset. */
  | { readonly kind: 'end'; readonly plan: PartitionPlan };

export class RecordFeed {
  private readonly events: FeedEvent[] = [];
  private buffered = 0;
  private failure: { readonly error: unknown } | undefined;
  private wake: (() => void) | undefined;
  private spaceWaiters: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  push(event: FeedEvent): void {
    this.events.push(event);
    if (event.kind === 'records') this.buffered += event.messages.length;
    this.signal();
  }

  /** kafkajs crashed: the generator rethrows `error` at its next poll. */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.signal();
  }

  /** The next event, undefined when none is ready; throws the failure once the events before it are taken. */
  poll(): FeedEvent | undefined {
    const event = this.events.shift();
    if (event === undefined) {
      if (this.failure) throw this.failure.error;
      return undefined;
    }
    if (event.kind === 'records') {
      this.buffered -= event.messages.length;
      if (this.buffered < this.capacity) this.releaseSpace();
    }
    return event;
  }

  /** Resolves when an event or a failure arrives, or `signal` aborts. */
  async waitForEvent(signal: AbortSignal): Promise<void> {
    if (this.events.length > 0 || this.failure || signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Waits (calling `heartbeat` every `heartbeatMs`) until the feed has room, or `stop()` says to give up. */
  async waitForSpace(heartbeat: () => Promise<void>, stop: () => boolean, heartbeatMs = 1_000): Promise<void> {
    while (this.buffered >= this.capacity && !stop()) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.spaceWaiters.push(resolve);
        timer = setTimeout(resolve, heartbeatMs);
      });
      clearTimeout(timer);
      if (this.buffered >= this.capacity && !stop()) await heartbeat();
    }
  }

  /** Releases kafkajs when the source stops reading. */
  close(): void {
    this.buffered = 0;
    this.events.length = 0;
    this.releaseSpace();
  }

  private releaseSpace(): void {
    const waiters = this.spaceWaiters;
    this.spaceWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private signal(): void {
    this.wake?.();
  }
}
