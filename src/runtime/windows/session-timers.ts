/**
 * In-memory bookkeeping of which sessions an operator must act on, so that a watermark advance touches only those
 * (not every stored session): sessions are referred to by (end, partition key), their place in `SessionWindowState`.
 *
 * References may go stale — a session that grows or is absorbed by a merge leaves its old place — so every read
 * checks with the caller (`live`) that a session still ends there, and drops the reference otherwise. A stale
 * reference at worst makes the operator wake up early for nothing.
 */

/** Where a session is stored: its end and its encoded partition key. */
export interface SessionRef {
  readonly end: number;
  readonly key: string;
}

/** Whether a session still ends at `end` for partition `key`. */
export type SessionLiveness = (end: number, key: string) => boolean;

function before(a: SessionRef, b: SessionRef): boolean {
  return a.end < b.end || (a.end === b.end && a.key < b.key);
}

/** A min-heap of session references by end, then key; each reference held once. */
export class SessionTimers {
  private readonly heap: SessionRef[] = [];
  private readonly held = new Set<string>();

  push(end: number, key: string): void {
    const id = `${end}|${key}`;
    if (this.held.has(id)) return;
    this.held.add(id);
    this.heap.push({ end, key });
    this.siftUp(this.heap.length - 1);
  }

  /** Removes and returns the live references with `end ≤ bound`, by end, then key. */
  popUpTo(bound: number, live: SessionLiveness): SessionRef[] {
    const due: SessionRef[] = [];
    while (this.heap.length > 0 && this.heap[0]!.end <= bound) {
      const top = this.pop();
      if (live(top.end, top.key)) due.push(top);
    }
    return due;
  }

  /** The smallest live end held, or undefined (stale references at the top are dropped). */
  peek(live: SessionLiveness): number | undefined {
    while (this.heap.length > 0 && !live(this.heap[0]!.end, this.heap[0]!.key)) this.pop();
    return this.heap[0]?.end;
  }

  get size(): number {
    return this.heap.length;
  }

  private pop(): SessionRef {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    this.held.delete(`${top.end}|${top.key}`);
    return top;
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index]!, heap[parent]!)) return;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === index) return;
      [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
      index = smallest;
    }
  }
}

/** A set of session references, listed by end, then key. */
export class SessionRefSet {
  private readonly byEnd = new Map<number, Set<string>>();

  add(end: number, key: string): void {
    let keys = this.byEnd.get(end);
    if (!keys) this.byEnd.set(end, (keys = new Set()));
    keys.add(key);
  }

  delete(end: number, key: string): void {
    const keys = this.byEnd.get(end);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) this.byEnd.delete(end);
  }

  get isEmpty(): boolean {
    return this.byEnd.size === 0;
  }

  /** Every reference (whose end passes `filter`, if given), by end, then key. */
  sorted(filter?: (end: number) => boolean): SessionRef[] {
    const ends = [...this.byEnd.keys()].filter((end) => !filter || filter(end)).sort((a, b) => a - b);
    const refs: SessionRef[] = [];
    for (const end of ends) for (const key of [...this.byEnd.get(end)!].sort()) refs.push({ end, key });
    return refs;
  }

  /** Forgets every reference with `end ≤ bound`. */
  deleteUpTo(bound: number): void {
    for (const end of [...this.byEnd.keys()]) if (end <= bound) this.byEnd.delete(end);
  }
}
