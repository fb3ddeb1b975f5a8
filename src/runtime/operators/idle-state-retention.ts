/**
 * Idle state retention (`'table.exec.state.ttl'`, Flink's StateTtlConfig on processing time): a key whose state saw
 * no access for `ttl` ms is dropped. Expiry is indexed in a second namespaced map — namespace = the time bucket in
 * which the key expires (rounded up to a tenth of the TTL), key = the state key — so purging is a scan of the due
 * buckets, never of all keys, and a key re-indexes at most once per bucket however often it is touched.
 */
import type { NamespacedMapState, StateBackend } from '../state/backend.js';
import type { OperatorContext } from '../operator.js';

export class IdleStateRetention {
  private readonly index: NamespacedMapState<true>;
  private readonly granularity: number;

  constructor(
    state: StateBackend,
    name: string,
    private readonly ttl: number,
    private readonly clock: () => number,
  ) {
    this.index = state.mapState<true>(name);
    this.granularity = Math.max(1, Math.ceil(ttl / 10));
  }

  now(): number {
    return this.clock();
  }

  /** Records an access to `key` at `now`; `previousAccess` is when it was last accessed (undefined: new key). */
  touch(key: string, now: number, previousAccess: number | undefined): void {
    const bucket = this.bucketOf(now);
    if (previousAccess !== undefined) {
      const previous = this.bucketOf(previousAccess);
      if (previous === bucket) return;
      this.index.delete(previous, key);
    }
    this.index.put(bucket, key, true);
  }

  /** Forgets `key` (its state was deleted for another reason). */
  forget(key: string, lastAccess: number): void {
    this.index.delete(this.bucketOf(lastAccess), key);
  }

  /** Removes the index entries of every key expired at `now` and returns those keys. */
  expire(now: number): string[] {
    const expired: string[] = [];
    for (const bucket of this.index.namespacesUpTo(now)) {
      for (const [key] of this.index.entries(bucket)) expired.push(key);
      this.index.clearNamespace(bucket);
    }
    return expired;
  }

  /** The wall-clock time at which the next keys expire, or undefined when nothing is indexed. */
  nextExpiry(): number | undefined {
    return this.index.namespaces()[0];
  }

  private bucketOf(access: number): number {
    return Math.ceil((access + this.ttl) / this.granularity) * this.granularity;
  }
}

/**
 * The expiry loop an unbounded keyed operator runs with a state TTL: drop expired keys before each batch, and on a
 * processing-time timer so that idle streams shrink too. `drop` deletes one expired key's own state.
 */
export class IdleKeyCleaner {
  readonly retention: IdleStateRetention;
  private cancelTimer: (() => void) | undefined;

  constructor(context: OperatorContext, name: string, ttl: number, clock: () => number, private readonly drop: (key: string) => void) {
    this.retention = new IdleStateRetention(context.state, `${context.operatorId}/${name}`, ttl, clock);
    this.schedule(context);
  }

  /** A cleaner when `ttl` is set (> 0), else undefined: the operators' `open` in one line. */
  static forTtl(context: OperatorContext, ttl: number | undefined, clock: () => number, drop: (key: string) => void): IdleKeyCleaner | undefined {
    return ttl !== undefined && ttl > 0 ? new IdleKeyCleaner(context, 'expiry', ttl, clock, drop) : undefined;
  }

  /** Drops every key idle for longer than the TTL. */
  expire(): void {
    for (const key of this.retention.expire(this.retention.now())) this.drop(key);
  }

  /** Sets the timer for the next expiry (after a batch may have touched keys). */
  schedule(context: OperatorContext): void {
    const next = this.retention.nextExpiry();
    if (next === undefined || this.cancelTimer || !context.scheduleAt) return;
    this.cancelTimer = context.scheduleAt(next, () => {
      this.cancelTimer = undefined;
      this.expire();
      this.schedule(context);
    });
  }

  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }
}
