/**
 * The in-memory state backend: one map per state name, each a Map from namespace to a Map from key to value,
 * plus the namespaces kept in a sorted array so that `namespacesUpTo` is a binary search and a slice. Windows
 * are mostly created in increasing order, so inserting a namespace is usually an append.
 *
 * Values are stored by reference (no copy): a value read with `get` is the object that was `put`.
 *
 * Checkpoints (incremental): given a `StateTable` of the job database, every map remembers the keys and
 * namespaces changed since the last checkpoint, and `prepareCheckpoint` writes just those (their current values,
 * serialised) into the database's open transaction. `restore` loads the whole table back into memory.
 */
import { deserialize } from 'node:v8';
import type { NamespacedMapState, StateBackend } from './backend.js';
import type { StateTable } from './state-table.js';
import { serializeState } from './storable.js';

export class MemoryStateBackend implements StateBackend {
  readonly kind = 'memory' as const;
  private readonly maps = new Map<string, MemoryMapState<unknown>>();

  /** `table`: the job database's state table, when the job checkpoints. */
  constructor(private readonly table?: StateTable) {}

  mapState<V>(name: string): NamespacedMapState<V> {
    let map = this.maps.get(name);
    if (!map) {
      map = new MemoryMapState<unknown>(this.table !== undefined);
      this.maps.set(name, map);
    }
    return map as NamespacedMapState<V>;
  }

  flush(): void {
    // Nothing to make durable between checkpoints.
  }

  prepareCheckpoint(): void {
    const table = this.table;
    if (!table) return;
    for (const [name, map] of this.maps) map.writeChanges(name, table);
  }

  /** Loads the checkpointed state (the state table) into memory; call before the job's first message. */
  restore(): void {
    const table = this.table;
    if (!table) return;
    for (const row of table.rows()) {
      let map = this.maps.get(row.name);
      if (!map) {
        map = new MemoryMapState<unknown>(true);
        this.maps.set(row.name, map);
      }
      map.load(row.namespace, row.key, deserialize(row.value));
    }
  }

  close(): void {
    this.maps.clear();
  }
}

export class MemoryMapState<V> implements NamespacedMapState<V> {
  private readonly byNamespace = new Map<number, Map<string, V>>();
  /** Namespaces holding at least one entry, ascending. */
  private readonly sortedNamespaces: number[] = [];
  private entryCount = 0;
  /** Keys changed since the last checkpoint, by namespace (tracked only when the job checkpoints). */
  private changed = new Map<number, Set<string>>();
  /** Namespaces cleared since the last checkpoint. */
  private cleared = new Set<number>();

  constructor(private readonly trackChanges = false) {}

  get(namespace: number, key: string): V | undefined {
    return this.byNamespace.get(namespace)?.get(key);
  }

  put(namespace: number, key: string, value: V): void {
    if (this.trackChanges) this.markChanged(namespace, key);
    this.store(namespace, key, value);
  }

  /** Restores an entry from a checkpoint (not a change). */
  load(namespace: number, key: string, value: V): void {
    this.store(namespace, key, value);
  }

  /** Writes the entries changed since the last checkpoint into `table` (inside the caller's transaction). */
  writeChanges(name: string, table: StateTable): void {
    for (const namespace of this.cleared) table.clearNamespace(name, namespace);
    for (const [namespace, keys] of this.changed) {
      const entries = this.byNamespace.get(namespace);
      for (const key of keys) {
        const value = entries?.get(key);
        if (value === undefined) table.delete(name, namespace, key);
        else table.upsert(name, namespace, key, serializeState(name, value));
      }
    }
    this.changed = new Map();
    this.cleared = new Set();
  }

  private markChanged(namespace: number, key: string): void {
    let keys = this.changed.get(namespace);
    if (!keys) this.changed.set(namespace, (keys = new Set()));
    keys.add(key);
  }

  private store(namespace: number, key: string, value: V): void {
    let entries = this.byNamespace.get(namespace);
    if (!entries) {
      entries = new Map();
      this.byNamespace.set(namespace, entries);
      insertSorted(this.sortedNamespaces, namespace);
    }
    const before = entries.size;
    entries.set(key, value);
    this.entryCount += entries.size - before;
  }

  delete(namespace: number, key: string): void {
    if (this.trackChanges) this.markChanged(namespace, key);
    const entries = this.byNamespace.get(namespace);
    if (!entries || !entries.delete(key)) return;
    this.entryCount--;
    if (entries.size === 0) this.dropNamespace(namespace);
  }

  namespacesUpTo(upTo: number): number[] {
    return this.sortedNamespaces.slice(0, upperBound(this.sortedNamespaces, upTo));
  }

  namespaces(): number[] {
    return this.sortedNamespaces.slice();
  }

  entries(namespace: number): IterableIterator<[string, V]> {
    const entries = this.byNamespace.get(namespace);
    if (!entries) return [].values();
    // A snapshot, so that callers may modify the namespace while iterating.
    const sorted = [...entries.entries()];
    sorted.sort(compareByKey);
    return sorted.values();
  }

  clearNamespace(namespace: number): void {
    if (this.trackChanges) {
      this.cleared.add(namespace);
      this.changed.delete(namespace);
    }
    const entries = this.byNamespace.get(namespace);
    if (!entries) return;
    this.entryCount -= entries.size;
    this.dropNamespace(namespace);
  }

  size(): number {
    return this.entryCount;
  }

  private dropNamespace(namespace: number): void {
    this.byNamespace.delete(namespace);
    const index = lowerBound(this.sortedNamespaces, namespace);
    if (this.sortedNamespaces[index] === namespace) this.sortedNamespaces.splice(index, 1);
  }
}

/** Orders entries by key in UTF-16 code unit order (the SQLite backend sorts the same way). */
export function compareByKey<V>(a: [string, V], b: [string, V]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** Inserts `value` into the ascending array unless present; appending is the fast path. */
function insertSorted(sorted: number[], value: number): void {
  const last = sorted[sorted.length - 1];
  if (last === undefined || value > last) {
    sorted.push(value);
    return;
  }
  const index = lowerBound(sorted, value);
  if (sorted[index] !== value) sorted.splice(index, 0, value);
}

/** First index whose element is ≥ `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** First index whose element is > `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
