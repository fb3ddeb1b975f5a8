/**
 * The changelog view's memory: the newest changes (+I/-U/+U/-D), at most `capacity` of them, addressed by their
 * position in the whole stream so the view can page through what is still kept.
 */
import type { Change } from '../../src/index.js';

export const CHANGE_LOG_CAPACITY = 10_000;

export class ChangeLog {
  private readonly ring: Change[] = [];
  private start = 0;
  private total = 0;

  constructor(private readonly capacity: number = CHANGE_LOG_CAPACITY) {}

  /** Changes seen so far (including the ones no longer kept). */
  get size(): number {
    return this.total;
  }

  /** Position (in the whole stream) of the oldest change still kept. */
  get firstKept(): number {
    return this.total - this.ring.length;
  }

  push(change: Change): void {
    if (this.ring.length < this.capacity) this.ring.push(change);
    else {
      this.ring[this.start] = change;
      this.start = (this.start + 1) % this.capacity;
    }
    this.total += 1;
  }

  /** Kept changes with stream positions in [from, to). */
  slice(from: number, to: number): Change[] {
    const result: Change[] = [];
    const first = Math.max(from, this.firstKept);
    for (let position = first; position < Math.min(to, this.total); position += 1) {
      const change = this.ring[(this.start + position - this.firstKept) % this.ring.length];
      if (change) result.push(change);
    }
    return result;
  }
}
