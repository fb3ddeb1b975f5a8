/**
 * Keyed state: one interface, two implementations (in-memory and SQLite), both passing the same test suite.
 *
 * State is organised as named maps. Each entry lives in a numeric namespace (a window's end timestamp, or 0 for
 * state that is not per window) under a string key (the encoded group key). Values must be structured-cloneable
 * plain data (numbers, bigints, strings, booleans, null, arrays, plain objects, Maps, Sets): the SQLite backend
 * stores them with `v8.serialize`.
 */

export interface NamespacedMapState<V> {
  get(namespace: number, key: string): V | undefined;
  put(namespace: number, key: string, value: V): void;
  delete(namespace: number, key: string): void;
  /** Namespaces that hold at least one entry and are ≤ `upTo`, ascending. */
  namespacesUpTo(upTo: number): number[];
  /** All namespaces holding entries, ascending. */
  namespaces(): number[];
  /** Entries of one namespace, ordered by key. */
  entries(namespace: number): IterableIterator<[string, V]>;
  /** Removes every entry of a namespace (a fired window). */
  clearNamespace(namespace: number): void;
  /** Number of entries across namespaces. */
  size(): number;
}

export interface StateBackend {
  readonly kind: 'memory' | 'sqlite';
  /** Returns the map named `name` (created empty on first use). Names are unique per operator: `<operatorId>/<what>`. */
  mapState<V>(name: string): NamespacedMapState<V>;
  /** Makes every write so far durable (SQLite: commits the pending transaction). Called after each message. */
  flush(): void;
  /**
   * Checkpoints: writes every state change not yet in the job database into its open transaction, so that the
   * checkpoint store's commit makes exactly the current state durable. Backends without a job database do nothing.
   */
  prepareCheckpoint(): void;
  /**
   * Recovery: loads the checkpointed state from the job database before the job's first message (the memory
   * backend; the SQLite backend works on the database directly and has nothing to load).
   */
  restore?(): void;
  /** Flushes and releases resources (a backend on a checkpoint store's database leaves committing to the store). */
  close(): void;
}

export interface StateBackendOptions {
  readonly kind: 'memory' | 'sqlite';
  /** Directory for the SQLite file(s); required for 'sqlite'. */
  readonly directory?: string;
}
