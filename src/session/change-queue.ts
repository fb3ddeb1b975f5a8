/**
 * A bounded queue between a running query and its consumer: the job waits when the consumer falls behind
 * (backpressure), the consumer waits when there is nothing to read.
 */
import type { Change } from './api-types.js';

export class ChangeQueue implements AsyncIterable<Change> {
  private readonly buffer: Change[] = [];
  private ended = false;
  private failure: Error | undefined;
  private readerWaiting: (() => void) | undefined;
  private writerWaiting: (() => void) | undefined;
  private iterating = false;

  constructor(private readonly highWaterMark = 8192) {}

  async push(changes: readonly Change[]): Promise<void> {
    for (const change of changes) this.buffer.push(change);
    this.wakeReader();
    while (this.buffer.length >= this.highWaterMark && !this.ended) {
      await new Promise<void>((resolve) => (this.writerWaiting = resolve));
    }
  }

  end(): void {
    this.ended = true;
    this.wakeReader();
  }

  fail(error: Error): void {
    this.failure = error;
    this.ended = true;
    this.wakeReader();
    this.wakeWriter();
  }

  /** Stop accepting data (the consumer has gone): unblocks the writer for good. */
  close(): void {
    this.ended = true;
    this.buffer.length = 0;
    this.wakeWriter();
    this.wakeReader();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Change> {
    if (this.iterating) throw new Error('A query result can be iterated only once');
    this.iterating = true;
    for (;;) {
      if (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.buffer.length);
        this.wakeWriter();
        for (const change of batch) yield change;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.readerWaiting = resolve));
    }
  }

  private wakeReader(): void {
    const wake = this.readerWaiting;
    this.readerWaiting = undefined;
    wake?.();
  }

  private wakeWriter(): void {
    const wake = this.writerWaiting;
    this.writerWaiting = undefined;
    wake?.();
  }
}
