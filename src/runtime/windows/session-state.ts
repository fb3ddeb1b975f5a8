/**
 * The session windows of an operator, per partition key, kept in keyed state; shared by the session window
 * aggregation (payload: accumulators per group key) and the bare SESSION TVF (payload: the buffered rows).
 *
 * Lifecycle, with Sluice's per-record watermarks (each record judged under the watermark in force before it):
 * - A session is *retained* under a watermark w while `end − 1 + lateness > w` (`lateness` 0 unless allowed
 *   lateness is on: then a fired session is kept that much longer). A session that has expired under a record's
 *   watermark counts as gone for that record, even if the operator has not purged it yet (the Watermark message
 *   that would purge it follows the batch): this makes the result independent of batch boundaries.
 * - The record's window [t, t + gap) is merged with the retained sessions it overlaps or touches; if the merged
 *   session has expired (`end − 1 + lateness ≤ watermark`) the record is late and nothing changes (Flink's merging
 *   WindowOperator). Otherwise the absorbed sessions' payloads are merged into one, the record is added, and the
 *   session is stored under its new end.
 * - `fire(watermark)` removes and returns every session with `end − 1 ≤ watermark`, ordered by end, then key (for
 *   operators without lateness). Operators that keep fired sessions read them with `sessionsEndingUpTo` and remove
 *   them with `purge` once their lateness has passed.
 *
 * State layout (two maps):
 * - `<operatorId>/sessions`: namespace = session end, key = encoded partition key, value = { start, payload }.
 *   Sessions of one key never share an end (they are disjoint and do not touch), and firing is a
 *   `namespacesUpTo(watermark + 1)` range read, as for aligned windows. A session that grows moves to its new end.
 * - `<operatorId>/session-index`: namespace 0, key = encoded partition key, value = the key's sessions as a flat
 *   array [start, end, start, end, …] sorted by start: the lookup a record needs to find what it merges with.
 */
import { InternalError } from '../../common/errors.js';
import type { StateBackend, NamespacedMapState } from '../state/backend.js';
import type { TimeWindow } from './assigners.js';
import { firedWindowEndBound } from './assigners.js';
import { applySessionMerge, mergeSessionWindow, sessionWindowOf } from './session-merging.js';

/** How an operator creates and merges the data it keeps per session. */
export interface SessionPayload<P> {
  create(): P;
  /** Folds `from` into `into` (both plain, structured-cloneable data); `from` is discarded afterwards. */
  merge(into: P, from: P): P;
}

/** One stored session: its partition key, bounds and payload. */
export interface SessionEntry<P> {
  /** The encoded partition key. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly payload: P;
}

/** A session returned by `fire`. */
export type FiredSession<P> = SessionEntry<P>;

interface StoredSession<P> {
  start: number;
  payload: P;
}

const INDEX_NAMESPACE = 0;

export class SessionWindowState<P> {
  private readonly sessions: NamespacedMapState<StoredSession<P>>;
  private readonly index: NamespacedMapState<number[]>;

  /** `lateness`: how long (ms of event time) a fired session is kept for late records; 0 by default. */
  constructor(
    backend: StateBackend,
    operatorId: number,
    private readonly gap: number,
    private readonly payloads: SessionPayload<P>,
    private readonly lateness = 0,
  ) {
    this.sessions = backend.mapState<StoredSession<P>>(`${operatorId}/sessions`);
    this.index = backend.mapState<number[]>(`${operatorId}/session-index`);
  }

  /**
   * Adds a record at `timestamp` of partition `key`, arriving under `watermark`, to its session: merges sessions as
   * needed, then lets `add` put the record into the session's payload. Returns false (and changes nothing) if the
   * record is late.
   */
  add(key: string, timestamp: number, watermark: number, add: (payload: P) => P): boolean {
    return this.addRecord(key, timestamp, watermark, add) !== null;
  }

  /** As `add`, returning the session the record joined (after merging), or null if the record is late. */
  addRecord(key: string, timestamp: number, watermark: number, add: (payload: P) => P): TimeWindow | null {
    const windows = decodeIndex(this.index.get(INDEX_NAMESPACE, key));
    const retained = windows.filter((w) => !this.expired(w, watermark));
    const merge = mergeSessionWindow(retained, sessionWindowOf(timestamp, this.gap));
    if (this.expired(merge.window, watermark)) return null;
    let payload: P | undefined;
    for (const absorbed of retained.slice(merge.first, merge.first + merge.count)) {
      const stored = this.sessions.get(absorbed.end, key);
      if (!stored) throw new InternalError(`Session [${absorbed.start}, ${absorbed.end}) is indexed but not stored`);
      this.sessions.delete(absorbed.end, key);
      payload = payload === undefined ? stored.payload : this.payloads.merge(payload, stored.payload);
    }
    payload = add(payload ?? this.payloads.create());
    this.sessions.put(merge.window.end, key, { start: merge.window.start, payload });
    const expired = windows.filter((w) => this.expired(w, watermark));
    const updated = [...expired, ...applySessionMerge(retained, merge)].sort((a, b) => a.start - b.start);
    this.index.put(INDEX_NAMESPACE, key, encodeIndex(updated));
    return merge.window;
  }

  /** Removes and returns every session that fires at `watermark` (`end − 1 ≤ watermark`), by end, then key. */
  fire(watermark: number): FiredSession<P>[] {
    const bound = firedWindowEndBound(watermark);
    const fired = this.sessionsEndingUpTo(bound);
    this.purge(bound);
    return fired;
  }

  /** Every stored session with `end ≤ bound`, by end, then key (nothing is removed). */
  sessionsEndingUpTo(bound: number): SessionEntry<P>[] {
    const found: SessionEntry<P>[] = [];
    for (const end of this.sessions.namespacesUpTo(bound)) found.push(...this.sessionsEndingAt(end));
    return found;
  }

  /** The sessions ending at `end`, by key. */
  sessionsEndingAt(end: number): SessionEntry<P>[] {
    const entries = [...this.sessions.entries(end)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return entries.map(([key, stored]) => ({ key, start: stored.start, end, payload: stored.payload }));
  }

  /** The session of partition `key` ending at `end`, if there is one. */
  get(end: number, key: string): SessionEntry<P> | undefined {
    const stored = this.sessions.get(end, key);
    return stored ? { key, start: stored.start, end, payload: stored.payload } : undefined;
  }

  /** Whether partition `key` has a session ending at `end`. */
  has(end: number, key: string): boolean {
    return this.sessions.get(end, key) !== undefined;
  }

  /** Stores a new payload for an existing session (its bounds do not change). */
  replacePayload(end: number, key: string, payload: P): void {
    const stored = this.sessions.get(end, key);
    if (!stored) throw new InternalError(`No session of key ${key} ends at ${end}`);
    this.sessions.put(end, key, { start: stored.start, payload });
  }

  /** Removes every session with `end ≤ bound` (from the sessions and the index). */
  purge(bound: number): void {
    const keys = new Set<string>();
    for (const end of this.sessions.namespacesUpTo(bound)) {
      for (const [key] of this.sessions.entries(end)) keys.add(key);
      this.sessions.clearNamespace(end);
    }
    for (const key of keys) {
      const remaining = decodeIndex(this.index.get(INDEX_NAMESPACE, key)).filter((w) => w.end > bound);
      if (remaining.length === 0) this.index.delete(INDEX_NAMESPACE, key);
      else this.index.put(INDEX_NAMESPACE, key, encodeIndex(remaining));
    }
  }

  /** The ends of the stored sessions, ascending (each end once, whatever the number of keys). */
  ends(): number[] {
    return this.sessions.namespaces();
  }

  /** The ends of the stored sessions that are ≤ `bound`, ascending. */
  endsUpTo(bound: number): number[] {
    return this.sessions.namespacesUpTo(bound);
  }

  /** Number of sessions held (open, fired and retained, or fired for some record but not yet emitted). */
  size(): number {
    return this.sessions.size();
  }

  /** Whether a session is gone for a record under `watermark`: fired, and its lateness (if any) passed. */
  private expired(window: TimeWindow, watermark: number): boolean {
    return window.end - 1 + this.lateness <= watermark;
  }
}

function decodeIndex(flat: readonly number[] | undefined): TimeWindow[] {
  const windows: TimeWindow[] = [];
  if (!flat) return windows;
  for (let i = 0; i + 1 < flat.length; i += 2) windows.push({ start: flat[i]!, end: flat[i + 1]! });
  return windows;
}

function encodeIndex(windows: readonly TimeWindow[]): number[] {
  const flat: number[] = [];
  for (const w of windows) flat.push(w.start, w.end);
  return flat;
}
