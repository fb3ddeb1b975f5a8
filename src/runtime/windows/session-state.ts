/**
 * The open session windows of an operator, per partition key, kept in keyed state; shared by the session window
 * aggregation (payload: accumulators per group key) and the bare SESSION TVF (payload: the buffered rows).
 *
 * Lifecycle, with Sluice's per-record watermarks (each record judged under the watermark in force before it):
 * - A session whose last millisecond is ≤ a record's watermark has fired for that record, even if the Watermark
 *   message that emits it has not reached the operator yet (it follows the batch). So a record only merges with
 *   the sessions still open under its own watermark; this makes the result independent of batch boundaries.
 * - The record's window [t, t + gap) is merged with those sessions first; if the merged session has already fired
 *   (`end − 1 ≤ watermark`) the record is late and nothing changes (Flink's merging WindowOperator). Otherwise the
 *   absorbed sessions' payloads are merged into one, the record is added, and the session is stored under its
 *   new end.
 * - `fire(watermark)` removes and returns every session with `end − 1 ≤ watermark`, ordered by end, then key.
 *
 * State layout (two maps):
 * - `<operatorId>/sessions`: namespace = session end, key = encoded partition key, value = { start, payload }.
 *   Sessions of one key never share an end (an open session's end lies beyond every frozen one's), and firing is a
 *   `namespacesUpTo(watermark + 1)` range read, as for aligned windows. A session that grows moves to its new end.
 * - `<operatorId>/session-index`: namespace 0, key = encoded partition key, value = the key's sessions as a flat
 *   array [start, end, start, end, …] sorted by start: the lookup a record needs to find what it merges with.
 */
import { InternalError } from '../../common/errors.js';
import type { StateBackend, NamespacedMapState } from '../state/backend.js';
import type { TimeWindow } from './assigners.js';
import { firedWindowEndBound, windowHasFired } from './assigners.js';
import { applySessionMerge, mergeSessionWindow, sessionWindowOf } from './session-merging.js';

/** How an operator creates and merges the data it keeps per session. */
export interface SessionPayload<P> {
  create(): P;
  /** Folds `from` into `into` (both plain, structured-cloneable data); `from` is discarded afterwards. */
  merge(into: P, from: P): P;
}

export interface FiredSession<P> {
  /** The encoded partition key. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly payload: P;
}

interface StoredSession<P> {
  start: number;
  payload: P;
}

const INDEX_NAMESPACE = 0;

export class SessionWindowState<P> {
  private readonly sessions: NamespacedMapState<StoredSession<P>>;
  private readonly index: NamespacedMapState<number[]>;

  constructor(backend: StateBackend, operatorId: number, private readonly gap: number, private readonly payloads: SessionPayload<P>) {
    this.sessions = backend.mapState<StoredSession<P>>(`${operatorId}/sessions`);
    this.index = backend.mapState<number[]>(`${operatorId}/session-index`);
  }

  /**
   * Adds a record at `timestamp` of partition `key`, arriving under `watermark`, to its session: merges sessions as
   * needed, then lets `add` put the record into the session's payload. Returns false (and changes nothing) if the
   * record is late.
   */
  add(key: string, timestamp: number, watermark: number, add: (payload: P) => P): boolean {
    const windows = decodeIndex(this.index.get(INDEX_NAMESPACE, key));
    const open = windows.filter((w) => !windowHasFired(w, watermark));
    const merge = mergeSessionWindow(open, sessionWindowOf(timestamp, this.gap));
    if (windowHasFired(merge.window, watermark)) return false;
    let payload: P | undefined;
    for (const absorbed of open.slice(merge.first, merge.first + merge.count)) {
      const stored = this.sessions.get(absorbed.end, key);
      if (!stored) throw new InternalError(`Session [${absorbed.start}, ${absorbed.end}) is indexed but not stored`);
      this.sessions.delete(absorbed.end, key);
      payload = payload === undefined ? stored.payload : this.payloads.merge(payload, stored.payload);
    }
    payload = add(payload ?? this.payloads.create());
    this.sessions.put(merge.window.end, key, { start: merge.window.start, payload });
    const frozen = windows.filter((w) => windowHasFired(w, watermark));
    const updated = [...frozen, ...applySessionMerge(open, merge)].sort((a, b) => a.start - b.start);
    this.index.put(INDEX_NAMESPACE, key, encodeIndex(updated));
    return true;
  }

  /** Removes and returns every session that fires at `watermark` (`end − 1 ≤ watermark`), by end, then key. */
  fire(watermark: number): FiredSession<P>[] {
    const bound = firedWindowEndBound(watermark);
    const fired: FiredSession<P>[] = [];
    const keys = new Set<string>();
    for (const end of this.sessions.namespacesUpTo(bound)) {
      const entries = [...this.sessions.entries(end)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [key, stored] of entries) {
        fired.push({ key, start: stored.start, end, payload: stored.payload });
        keys.add(key);
      }
      this.sessions.clearNamespace(end);
    }
    for (const key of keys) {
      const remaining = decodeIndex(this.index.get(INDEX_NAMESPACE, key)).filter((w) => w.end > bound);
      if (remaining.length === 0) this.index.delete(INDEX_NAMESPACE, key);
      else this.index.put(INDEX_NAMESPACE, key, encodeIndex(remaining));
    }
    return fired;
  }

  /** Number of sessions held (open, or fired for some record but not yet emitted). */
  size(): number {
    return this.sessions.size();
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
