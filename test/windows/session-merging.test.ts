/** Pure session-window merging: touching windows, bridges, and the sorted, non-touching invariant. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TimeWindow } from '../../src/runtime/windows/assigners.js';
import { applySessionMerge, mergeSessionWindow, sessionWindowOf, windowsIntersect } from '../../src/runtime/windows/session-merging.js';

const w = (start: number, end: number): TimeWindow => ({ start, end });

describe('sessionWindowOf / windowsIntersect', () => {
  it('a record at t opens [t, t + gap)', () => {
    assert.deepEqual(sessionWindowOf(100, 5), w(100, 105));
  });

  it('windows that overlap or touch intersect; a gap of one millisecond separates them', () => {
    assert.equal(windowsIntersect(w(0, 5), w(3, 8)), true);
    assert.equal(windowsIntersect(w(0, 5), w(5, 10)), true); // [0, 5) and [5, 10) touch
    assert.equal(windowsIntersect(w(5, 10), w(0, 5)), true);
    assert.equal(windowsIntersect(w(0, 5), w(6, 10)), false);
    assert.equal(windowsIntersect(w(2, 3), w(0, 10)), true);
  });
});

describe('mergeSessionWindow', () => {
  it('a window that intersects nothing is inserted at its place by start', () => {
    const sessions = [w(0, 5), w(20, 25)];
    const merge = mergeSessionWindow(sessions, w(10, 15));
    assert.deepEqual(merge, { window: w(10, 15), first: 1, count: 0 });
    assert.deepEqual(applySessionMerge(sessions, merge), [w(0, 5), w(10, 15), w(20, 25)]);
    assert.deepEqual(mergeSessionWindow([], w(1, 2)), { window: w(1, 2), first: 0, count: 0 });
    assert.deepEqual(mergeSessionWindow(sessions, w(30, 35)), { window: w(30, 35), first: 2, count: 0 });
  });

  it('a record exactly gap after the previous one joins its session (touching windows merge)', () => {
    const merge = mergeSessionWindow([w(0, 5)], sessionWindowOf(5, 5));
    assert.deepEqual(merge, { window: w(0, 10), first: 0, count: 1 });
  });

  it('a window touching a session from before extends its start', () => {
    assert.deepEqual(mergeSessionWindow([w(10, 15)], w(5, 10)), { window: w(5, 15), first: 0, count: 1 });
  });

  it('a window inside a session leaves it unchanged', () => {
    assert.deepEqual(mergeSessionWindow([w(0, 20)], w(3, 8)), { window: w(0, 20), first: 0, count: 1 });
  });

  it('a late record bridges two sessions into one (Flink: [1, 7) and [8, 15) merged by 4 → [1, 15))', () => {
    const sessions = [w(1, 7), w(8, 15), w(16, 21)];
    const merge = mergeSessionWindow(sessions, sessionWindowOf(4, 5));
    assert.deepEqual(merge, { window: w(1, 15), first: 0, count: 2 });
    assert.deepEqual(applySessionMerge(sessions, merge), [w(1, 15), w(16, 21)]);
  });

  it('a long window can absorb several sessions and touch the next one', () => {
    const sessions = [w(0, 2), w(4, 6), w(8, 10), w(12, 14), w(20, 22)];
    const merge = mergeSessionWindow(sessions, w(5, 12));
    assert.deepEqual(merge, { window: w(4, 14), first: 1, count: 3 });
    assert.deepEqual(applySessionMerge(sessions, merge), [w(0, 2), w(4, 14), w(20, 22)]);
  });

  it('agrees with merging by repeated pairwise union, for any insertion order', () => {
    const windowArb = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 10 })).map(([t, gap]) => w(t, t + gap));
    fc.assert(
      fc.property(fc.array(windowArb, { maxLength: 30 }), (windows) => {
        let sessions: TimeWindow[] = [];
        for (const window of windows) sessions = applySessionMerge(sessions, mergeSessionWindow(sessions, window));
        // Invariant: sorted by start, pairwise disjoint and not touching.
        for (let i = 1; i < sessions.length; i++) assert.ok(sessions[i - 1]!.end < sessions[i]!.start);
        // Reference: sort all windows by start and sweep, joining windows that intersect the current run.
        const reference: TimeWindow[] = [];
        for (const window of [...windows].sort((a, b) => a.start - b.start)) {
          const last = reference[reference.length - 1];
          if (last && windowsIntersect(last, window)) reference[reference.length - 1] = w(last.start, Math.max(last.end, window.end));
          else reference.push(window);
        }
        assert.deepEqual(sessions, reference);
      }),
      { numRuns: 300 },
    );
  });
});
