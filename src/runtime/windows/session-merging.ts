/**
 * Pure session-window merging (Flink's MergingWindowSet for SESSION windows). A record at t opens the window
 * [t, t + gap); it merges with every session it overlaps or touches — [a, b) and [b, c) touch, so a record exactly
 * `gap` after the previous one joins its session. Merging can bridge several sessions into one.
 *
 * The sessions given to `mergeSessionWindow` are the open sessions of one partition key: sorted by start, pairwise
 * disjoint and not touching (an invariant that merging keeps). The new window therefore absorbs a contiguous run of
 * them, which is returned as an index range so that callers can splice their own per-session data.
 */
import type { TimeWindow } from './assigners.js';

/** The window a record at `timestamp` opens: [timestamp, timestamp + gap). */
export function sessionWindowOf(timestamp: number, gap: number): TimeWindow {
  return { start: timestamp, end: timestamp + gap };
}

/** Whether two windows overlap or touch (share an end point), and so belong to one session. */
export function windowsIntersect(a: TimeWindow, b: TimeWindow): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export interface SessionMerge {
  /** The session the new window belongs to after merging: the union of it and every absorbed session. */
  readonly window: TimeWindow;
  /** Index of the first absorbed session (where the merged session goes when nothing is absorbed). */
  readonly first: number;
  /** Number of absorbed sessions, `sessions[first]` … `sessions[first + count - 1]`; 0 if none. */
  readonly count: number;
}

/**
 * Merges `window` into `sessions` (sorted by start, disjoint, not touching). Returns the merged session and the
 * range of sessions it absorbs; `sessions` is not modified.
 */
export function mergeSessionWindow(sessions: readonly TimeWindow[], window: TimeWindow): SessionMerge {
  // The first session that does not end before the window starts; sessions before it are untouched.
  let first = 0;
  while (first < sessions.length && sessions[first]!.end < window.start) first++;
  let start = window.start;
  let end = window.end;
  let last = first;
  while (last < sessions.length && sessions[last]!.start <= end) {
    const session = sessions[last]!;
    if (session.start < start) start = session.start;
    if (session.end > end) end = session.end;
    last++;
  }
  return { window: { start, end }, first, count: last - first };
}

/** The sessions after a merge: the absorbed range replaced by the merged session, still sorted by start. */
export function applySessionMerge(sessions: readonly TimeWindow[], merge: SessionMerge): TimeWindow[] {
  return [...sessions.slice(0, merge.first), merge.window, ...sessions.slice(merge.first + merge.count)];
}
