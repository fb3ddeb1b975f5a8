/**
 * Pure window assignment for aligned windows (Flink's TUMBLE, HOP and CUMULATE window TVFs). All windows are
 * aligned to the epoch plus `offset`: `alignedStart(t, unit, offset)` is the start of the unit-sized slot holding t,
 * the modulo taken as a non-negative remainder so that times before the epoch align too. Session windows merge and
 * are handled by the session operators, not here.
 */
import { InternalError } from '../../common/errors.js';
import type { WindowSpec } from '../../dataflow/graph.js';

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

export function alignedStart(timestamp: number, unit: number, offset: number): number {
  const remainder = (((timestamp - offset) % unit) + unit) % unit;
  return timestamp - remainder;
}

/** Kept for callers that think in tumbling windows. */
export function tumblingWindowStart(timestamp: number, size: number, offset: number): number {
  return alignedStart(timestamp, size, offset);
}

/** The windows a timestamp belongs to, ordered by end (then start). */
export function assignWindows(spec: WindowSpec, timestamp: number): TimeWindow[] {
  switch (spec.kind) {
    case 'tumble': {
      const start = alignedStart(timestamp, spec.size, spec.offset);
      return [{ start, end: start + spec.size }];
    }
    case 'hop': {
      // The latest window holding t starts at the slide-aligned slot of t; earlier ones every slide before it.
      const lastStart = alignedStart(timestamp, spec.slide, spec.offset);
      const windows: TimeWindow[] = [];
      for (let start = lastStart - spec.size + spec.slide; start <= lastStart; start += spec.slide) {
        windows.push({ start, end: start + spec.size });
      }
      return windows;
    }
    case 'cumulate': {
      // One max-size window holds t; of its cumulative windows, those ending after t hold it.
      const start = alignedStart(timestamp, spec.maxSize, spec.offset);
      const firstEnd = alignedStart(timestamp, spec.step, spec.offset) + spec.step;
      const windows: TimeWindow[] = [];
      for (let end = firstEnd; end <= start + spec.maxSize; end += spec.step) windows.push({ start, end });
      return windows;
    }
    case 'session':
      throw new InternalError('Session windows merge; they are assigned by the session window operators');
  }
}

/** The last millisecond of a window: it fires when the watermark reaches this. */
export function windowMaxTimestamp(window: TimeWindow): number {
  return window.end - 1;
}

/** True if a window has fired under `watermark` (records arriving now are late for it). */
export function windowHasFired(window: TimeWindow, watermark: number): boolean {
  return windowMaxTimestamp(window) <= watermark;
}

/** Window end that fires at `watermark` or before: every window with end ≤ this has fired. */
export function firedWindowEndBound(watermark: number): number {
  return watermark + 1;
}
