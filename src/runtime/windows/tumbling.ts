/**
 * Pure window assignment for tumbling windows (Flink's TumblingWindowAssigner / TumblingSliceAssigner):
 * a timestamp t belongs to [start, start + size) with start = t − ((t − offset) mod size), the modulo taken
 * as a non-negative remainder so that times before the epoch align too.
 */
import type { WindowSpec } from '../../dataflow/graph.js';

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

export function tumblingWindowStart(timestamp: number, size: number, offset: number): number {
  const remainder = (((timestamp - offset) % size) + size) % size;
  return timestamp - remainder;
}

/** The windows a timestamp belongs to, oldest first. */
export function assignWindows(spec: WindowSpec, timestamp: number): TimeWindow[] {
  switch (spec.kind) {
    case 'tumble': {
      const start = tumblingWindowStart(timestamp, spec.size, spec.offset);
      return [{ start, end: start + spec.size }];
    }
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
