/**
 * The lookup cache of a lookup join (Flink's `'lookup.cache' = 'PARTIAL'`, its DefaultLookupCache): lookup results
 * by key, least recently used evicted first once more than `maxRows` keys are cached (as Flink, the bound counts
 * keys, each with all its rows), an entry expiring `expireAfterWrite` ms after it was loaded and/or
 * `expireAfterAccess` ms after it was last read. With `cacheMissingKey` an empty result is cached too; otherwise a
 * key without rows is queried again every time. Not checkpointed: a restarted job starts with an empty cache.
 */
import type { Value } from '../common/values.js';
import type { LookupCacheSpec } from '../dataflow/graph.js';

interface Entry {
  readonly rows: readonly Value[][];
  readonly writtenAt: number;
  accessedAt: number;
}

export class LookupCache {
  /** Insertion order of a Map is the recency order: a hit moves its key to the end. */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly spec: Extract<LookupCacheSpec, { kind: 'partial' }>, private readonly now: () => number = Date.now) {}

  /** The cached rows of `key`, or undefined when it is not cached (or its entry has expired, which removes it). */
  get(key: string): readonly Value[][] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.now();
    if (this.expired(entry, now)) {
      this.entries.delete(key);
      return undefined;
    }
    entry.accessedAt = now;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.rows;
  }

  /** Caches the result of querying `key` (an empty result only with cacheMissingKey). */
  put(key: string, rows: readonly Value[][]): void {
    if (rows.length === 0 && !this.spec.cacheMissingKey) return;
    const now = this.now();
    this.entries.delete(key);
    this.entries.set(key, { rows, writtenAt: now, accessedAt: now });
    const max = this.spec.maxRows;
    if (max === undefined) return;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private expired(entry: Entry, now: number): boolean {
    const { expireAfterWrite, expireAfterAccess } = this.spec;
    return (expireAfterWrite !== undefined && now - entry.writtenAt >= expireAfterWrite)
      || (expireAfterAccess !== undefined && now - entry.accessedAt >= expireAfterAccess);
  }
}
