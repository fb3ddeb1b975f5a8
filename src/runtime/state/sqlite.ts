/**
 * The SQLite state backend: one database file `<directory>/state.db` in WAL mode with `synchronous = NORMAL`.
 *
 * Layout: a single table `state(name, ns, k, v) PRIMARY KEY (name, ns, k) WITHOUT ROWID` rather than a table
 * per state name. State names are made at run time (`<operatorId>/<what>`), so one table needs no DDL per name
 * and no identifier quoting, and one set of prepared statements serves every map. WITHOUT ROWID clusters the rows
 * by their primary key, so the rows of one namespace are contiguous and the next namespace after a given one is
 * a single index seek (see `nextNamespace`).
 *
 * Writes are buffered: `put`, `delete` and `clearNamespace` go to a write-back buffer of dirty entries that
 * `flush()` applies in one transaction. Point reads look at the buffer first; range reads (`namespaces`,
 * `namespacesUpTo`, `entries`, `size`) flush the map's buffer first and then ask SQLite. A bounded cache of
 * clean (already written) values saves deserialising hot keys again after each flush.
 *
 * Values are stored with `v8.serialize` (bigints, Maps and Sets survive). Namespaces are bound as numbers: whole
 * milliseconds beyond 2^31 are stored exactly as SQLite INTEGERs (exact up to 2^53).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import Database from 'better-sqlite3';
import { ExecutionError, SluiceError } from '../../common/errors.js';
import type { NamespacedMapState, StateBackend } from './backend.js';
import { compareByKey } from './memory.js';
import { serializeState } from './storable.js';
import { STATE_TABLE_DDL } from '../checkpoint/checkpoint-store.js';

/** The file name of the state database inside the backend's directory. */
export const STATE_DATABASE_FILE = 'state.db';

/** Clean values cached per map; past this the cache is emptied and refills with what is used next. */
const CLEAN_CACHE_LIMIT = 50_000;

const DELETED: unique symbol = Symbol('deleted');
type Pending<V> = V | typeof DELETED;

/** The prepared statements one map uses; shared by all maps of a backend. */
interface StateStatements {
  readonly get: Database.Statement<[string, number, string], Buffer>;
  readonly upsert: Database.Statement<[string, number, string, Buffer]>;
  readonly delete: Database.Statement<[string, number, string]>;
  readonly clearNamespace: Database.Statement<[string, number]>;
  readonly nextNamespace: Database.Statement<[string, number, number], number>;
  readonly entries: Database.Statement<[string, number], [string, Buffer]>;
  readonly count: Database.Statement<[string], number>;
}

export class SqliteStateBackend implements StateBackend {
  readonly kind = 'sqlite' as const;
  /** Path of the database file. */
  readonly file: string;
  private readonly db: Database.Database;
  /** Whether the database belongs to a checkpoint store (which commits it; this backend must not close it). */
  private readonly shared: boolean;
  private readonly statements: StateStatements;
  private readonly maps = new Map<string, SqliteMapState<unknown>>();
  private readonly writeAll: () => void;
  private closed = false;

  /**
   * `location`: a directory for a private `state.db` (no checkpoints: every flush commits), or the job database of a
   * checkpoint store (its `state` table exists; flushes write into the store's open epoch transaction, which only
   * the store commits, at checkpoints).
   */
  constructor(location: string | { readonly db: Database.Database; readonly file: string }) {
    this.shared = typeof location !== 'string';
    if (typeof location !== 'string') {
      this.file = location.file;
      this.db = location.db;
    } else {
      this.file = join(location, STATE_DATABASE_FILE);
      try {
        mkdirSync(location, { recursive: true });
        this.db = new Database(this.file);
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
        this.db.exec(STATE_TABLE_DDL);
      } catch (error) {
        throw new ExecutionError(`Cannot open the state database ${this.file}: ${messageOf(error)}`, { cause: error });
      }
    }
    this.statements = prepareStatements(this.db);
    // Nested in the store's epoch transaction, better-sqlite3 makes this a SAVEPOINT: written, not committed.
    this.writeAll = this.db.transaction(() => {
      for (const map of this.maps.values()) map.writePending();
    });
  }

  mapState<V>(name: string): NamespacedMapState<V> {
    let map = this.maps.get(name);
    if (!map) {
      map = new SqliteMapState<unknown>(name, this.statements, (m) => this.flushMap(m));
      this.maps.set(name, map);
    }
    return map as NamespacedMapState<V>;
  }

  flush(): void {
    if (this.closed) return;
    let dirty = false;
    for (const map of this.maps.values()) dirty ||= map.isDirty();
    if (dirty) this.run(this.writeAll);
  }

  prepareCheckpoint(): void {
    this.flush();
  }

  close(): void {
    if (this.closed) return;
    try {
      if (!this.shared) this.flush();
    } finally {
      this.closed = true;
      if (!this.shared) this.db.close();
    }
  }

  private flushMap(map: SqliteMapState<unknown>): void {
    if (this.closed) throw new ExecutionError(`State backend ${this.file} is closed`);
    if (map.isDirty()) this.run(this.db.transaction(() => map.writePending()));
  }

  private run(write: () => void): void {
    try {
      write();
    } catch (error) {
      if (error instanceof SluiceError) throw error; // a value that cannot be stored (storable.ts), already explained
      throw new ExecutionError(`Cannot write state to ${this.file}: ${messageOf(error)}`, { cause: error });
    }
  }
}

function prepareStatements(db: Database.Database): StateStatements {
  return {
    get: db.prepare<[string, number, string], Buffer>('SELECT v FROM state WHERE name = ? AND ns = ? AND k = ?').pluck(),
    upsert: db.prepare<[string, number, string, Buffer]>('INSERT OR REPLACE INTO state (name, ns, k, v) VALUES (?, ?, ?, ?)'),
    delete: db.prepare<[string, number, string]>('DELETE FROM state WHERE name = ? AND ns = ? AND k = ?'),
    clearNamespace: db.prepare<[string, number]>('DELETE FROM state WHERE name = ? AND ns = ?'),
    // One index seek per namespace, instead of a DISTINCT scan over every entry.
    nextNamespace: db
      .prepare<[string, number, number], number>('SELECT ns FROM state WHERE name = ? AND ns > ? AND ns <= ? ORDER BY ns LIMIT 1')
      .pluck(),
    entries: db.prepare<[string, number], [string, Buffer]>('SELECT k, v FROM state WHERE name = ? AND ns = ?').raw(),
    count: db.prepare<[string], number>('SELECT COUNT(*) FROM state WHERE name = ?').pluck(),
  };
}

export class SqliteMapState<V> implements NamespacedMapState<V> {
  /** Dirty entries not yet written: a value to write or DELETED. */
  private pending = new Map<number, Map<string, Pending<V>>>();
  /** Namespaces cleared since the last write; their stored rows are gone as far as readers can tell. */
  private cleared = new Set<number>();
  /** Values known to equal what is stored. */
  private clean = new Map<number, Map<string, V>>();
  private cleanCount = 0;

  constructor(
    private readonly name: string,
    private readonly statements: StateStatements,
    private readonly flushSelf: (map: SqliteMapState<V>) => void,
  ) {}

  get(namespace: number, key: string): V | undefined {
    const pending = this.pending.get(namespace)?.get(key);
    if (pending !== undefined) return pending === DELETED ? undefined : pending;
    if (this.cleared.has(namespace)) return undefined;
    const cached = this.clean.get(namespace)?.get(key);
    if (cached !== undefined) return cached;
    const stored = this.statements.get.get(this.name, namespace, key);
    if (stored === undefined) return undefined;
    const value = deserialize(stored) as V;
    this.remember(namespace, key, value);
    return value;
  }

  put(namespace: number, key: string, value: V): void {
    this.pendingIn(namespace).set(key, value);
  }

  delete(namespace: number, key: string): void {
    this.pendingIn(namespace).set(key, DELETED);
  }

  namespacesUpTo(upTo: number): number[] {
    this.flushSelf(this);
    const found: number[] = [];
    let after = -Infinity;
    for (;;) {
      const next = this.statements.nextNamespace.get(this.name, after, upTo);
      if (next === undefined) return found;
      found.push(next);
      after = next;
    }
  }

  namespaces(): number[] {
    return this.namespacesUpTo(Infinity);
  }

  entries(namespace: number): IterableIterator<[string, V]> {
    this.flushSelf(this);
    const rows = this.statements.entries.all(this.name, namespace);
    const entries = rows.map(([key, stored]): [string, V] => [key, deserialize(stored) as V]);
    // SQLite orders TEXT by UTF-8 bytes; sort as the memory backend does (UTF-16 code units).
    entries.sort(compareByKey);
    return entries.values();
  }

  clearNamespace(namespace: number): void {
    this.pending.delete(namespace);
    this.forgetNamespace(namespace);
    this.cleared.add(namespace);
  }

  size(): number {
    this.flushSelf(this);
    return this.statements.count.get(this.name) ?? 0;
  }

  isDirty(): boolean {
    return this.pending.size > 0 || this.cleared.size > 0;
  }

  /** Writes the buffer; the caller wraps this in a transaction. */
  writePending(): void {
    const { name, statements } = this;
    for (const namespace of this.cleared) statements.clearNamespace.run(name, namespace);
    for (const [namespace, entries] of this.pending) {
      for (const [key, value] of entries) {
        if (value === DELETED) {
          statements.delete.run(name, namespace, key);
          this.forgetKey(namespace, key);
        } else {
          statements.upsert.run(name, namespace, key, serializeState(name, value));
          this.remember(namespace, key, value);
        }
      }
    }
    this.pending = new Map();
    this.cleared = new Set();
  }

  private pendingIn(namespace: number): Map<string, Pending<V>> {
    let entries = this.pending.get(namespace);
    if (!entries) {
      entries = new Map();
      this.pending.set(namespace, entries);
    }
    return entries;
  }

  private remember(namespace: number, key: string, value: V): void {
    if (this.cleanCount >= CLEAN_CACHE_LIMIT) {
      this.clean.clear();
      this.cleanCount = 0;
    }
    let entries = this.clean.get(namespace);
    if (!entries) {
      entries = new Map();
      this.clean.set(namespace, entries);
    }
    const before = entries.size;
    entries.set(key, value);
    this.cleanCount += entries.size - before;
  }

  private forgetKey(namespace: number, key: string): void {
    if (this.clean.get(namespace)?.delete(key)) this.cleanCount--;
  }

  private forgetNamespace(namespace: number): void {
    const entries = this.clean.get(namespace);
    if (!entries) return;
    this.cleanCount -= entries.size;
    this.clean.delete(namespace);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
