/**
 * The slice state of a sliced window aggregation (see windows/slices.ts): one accumulator per slice and key, in a
 * map of its own (namespace = slice end, key = encoded group key). A row goes into its slice while at least one of
 * the slice's windows is still open; each window merges its slices when it fires (or fires early), so it counts
 * exactly the rows that reached the slice before that moment: the rows per-window assignment gives it. A slice is
 * cleared once the last window it belongs to has fired.
 */
import type { Value } from '../../common/values.js';
import type { AccumulatorSet } from '../aggregates/index.js';
import type { NamespacedMapState } from '../state/backend.js';
import type { SliceGeometry } from '../windows/slices.js';

export interface SliceEntry {
  keys: Value[];
  accs: unknown[];
}

/** A window's result for one key before emission: the keys as output and the merged accumulators. */
export interface MergedEntry {
  keys: Value[];
  accs: unknown[];
}

export class WindowSlices {
  constructor(
    readonly geometry: SliceGeometry,
    private readonly accumulators: AccumulatorSet,
    private readonly state: NamespacedMapState<SliceEntry>,
  ) {}

  /** Accumulates (or retracts) one row's arguments into the accumulator of `key` in the slice ending at `sliceEnd`. */
  add(sliceEnd: number, key: string, keys: Value[], args: readonly Value[], retract: boolean): void {
    let entry = this.state.get(sliceEnd, key);
    if (!entry) entry = { keys, accs: this.accumulators.create() };
    this.accumulators.accumulate(entry.accs, args, retract);
    this.state.put(sliceEnd, key, entry);
  }

  /** Ends of the windows holding a slice with rows that fire when the watermark moves from `previous` to `watermark`. */
  firingWindowEnds(previous: number, watermark: number): number[] {
    const ends = new Set<number>();
    for (const sliceEnd of this.state.namespacesUpTo(watermark + 1)) {
      for (const end of this.geometry.windowEnds(sliceEnd)) if (end - 1 > previous && end - 1 <= watermark) ends.add(end);
    }
    return [...ends];
  }

  /** Ends of the windows holding a slice with rows that have not fired under `watermark`, ascending. */
  openWindowEnds(watermark: number): number[] {
    const ends = new Set<number>();
    for (const sliceEnd of this.state.namespaces()) {
      for (const end of this.geometry.windowEnds(sliceEnd)) if (end - 1 > watermark) ends.add(end);
    }
    return [...ends].sort((a, b) => a - b);
  }

  /** The end of the earliest window holding a slice with rows that has not fired under `watermark`. */
  firstOpenWindowEnd(watermark: number): number | undefined {
    // Slices ascend, and so do the first open windows of successive slices: the first slice with one has the earliest.
    for (const sliceEnd of this.state.namespaces()) {
      for (const end of this.geometry.windowEnds(sliceEnd)) if (end - 1 > watermark) return end;
    }
    return undefined;
  }

  /** The window ending at `windowEnd`, per key: fresh accumulators with every slice of the window merged in. */
  merge(windowEnd: number, into: Map<string, MergedEntry>): void {
    const { accumulators } = this;
    for (const sliceEnd of this.geometry.sliceEnds(windowEnd)) {
      for (const [key, slice] of this.state.entries(sliceEnd)) {
        let merged = into.get(key);
        if (!merged) into.set(key, (merged = { keys: slice.keys, accs: accumulators.create() }));
        accumulators.merge(merged.accs, slice.accs);
      }
    }
  }

  /** Clears the slices whose every window has fired under `watermark`. */
  purge(watermark: number): void {
    for (const sliceEnd of this.state.namespacesUpTo(watermark + 1)) {
      if (this.geometry.lastWindowEnd(sliceEnd) - 1 > watermark) break; // later slices' last windows end later still
      this.state.clearNamespace(sliceEnd);
    }
  }

  /** Whether any slice holds rows. */
  get isEmpty(): boolean {
    return this.state.namespaces().length === 0;
  }
}
