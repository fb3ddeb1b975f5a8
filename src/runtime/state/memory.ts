/**
 * The in-memory state backend: one map per state name, each a Map from namespace to a Map from key to value,
 * plus the namespaces kept in a sorted array so that `namespacesUpTo` is a binary search and a slice. Windows
 * are mostly created in increasing order, so inserting a namespace is usually an append.
 *
 * Values are stored by reference (no copy): a value read with `get` is the object that was `put`.
 */
import type { NamespacedMapState, StateBackend } from './backend.js';

export class MemoryStateBackend implements StateBackend {
  readonly kind = 'memory' as const;
  private readonly maps = new Map<string, MemoryMapState<unknown>>();

  mapState<V>(name: string): NamespacedMapState<V> {
    let map = this.maps.get(name);
    if (!map) {
      map = new MemoryMapState<unknown>();
      this.maps.set(name, map);
    }
    return map as NamespacedMapState<V>;
  }

  flush(): void {
    // Nothing to make durable.
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

  get(namespace: number, key: string): V | undefined {
    return this.byNamespace.get(namespace)?.get(key);
  }

  put(namespace: number, key: string, value: V): void {
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
