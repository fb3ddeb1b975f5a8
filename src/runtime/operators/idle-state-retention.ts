/**
 * Idle state retention (`'table.exec.state.ttl'`, Flink's StateTtlConfig on processing time): a key whose state saw
 * no access for `ttl` ms is dropped. Expiry is indexed in a second namespaced map — namespace = the time bucket in
 * which the key expires (rounded up to a tenth of the TTL), key = the state key — so purging is a scan of the due
 * buckets, never of all keys, and a key re-indexes at most once per bucket however often it is touched.
 */
import type { NamespacedMapState, StateBackend } from '../state/backend.js';

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
