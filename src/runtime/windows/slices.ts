/**
 * Slicing for HOP and CUMULATE window aggregation (after Flink's SliceAssigners): the time axis is cut into slices
 * such that every timestamp of a slice belongs to exactly the same windows, so a window aggregate can keep one
 * accumulator per slice and key, and merge a window's slices when it fires.
 *
 * The geometry follows `assignWindows` exactly (it must: results stay those of per-window assignment):
 * - HOP: the windows of t depend only on t's slide-aligned slot, so a slice is one slide; the slice ending at `e`
 *   belongs to the windows ending at e, e + slide, …, (n windows, n = floor(size / slide)), and the window ending at
 *   `e` holds the slices ending at e, e − slide, … (n of them). With size a multiple of slide (all the planner
 *   accepts) these are Flink's slices of gcd(size, slide) = slide.
 * - CUMULATE: a slice is one step; the slice ending at `e` belongs to the windows [start, e), [start, e + step), …
 *   up to the last step boundary ≤ start + maxSize (start + maxSize itself when step divides maxSize), start = the
 *   maxSize-aligned start; the window [start, e) holds the slices ending at e, e − step, … after start. A timestamp
 *   whose cumulative windows are empty (possible only when maxSize is not a multiple of step) has no slice.
 * Slices are named by their end, as windows are.
 */
import type { DataType } from '../../common/types.js';
import type { AggregateCall, WindowSpec } from '../../dataflow/graph.js';
import { alignedStart } from './assigners.js';

export interface SliceGeometry {
  /** The end of the slice holding `timestamp`, or undefined if the timestamp belongs to no window. */
  sliceEnd(timestamp: number): number | undefined;
  /** The ends of the windows the slice ending at `sliceEnd` belongs to, ascending. */
  windowEnds(sliceEnd: number): number[];
  /** The end of the last window the slice belongs to (after it fires, the slice serves no window). */
  lastWindowEnd(sliceEnd: number): number;
  /** The ends of the slices the window ending at `windowEnd` holds, ascending. */
  sliceEnds(windowEnd: number): number[];
  /** The start of the window ending at `windowEnd`. */
  windowStart(windowEnd: number): number;
}

/** The slice geometry of a HOP or CUMULATE window; undefined for TUMBLE (one window is one slice) and SESSION. */
export function sliceGeometry(spec: WindowSpec): SliceGeometry | undefined {
  switch (spec.kind) {
    case 'hop': {
      const { size, slide, offset } = spec;
      const count = Math.floor(size / slide);
      if (count < 1) return undefined;
      const steps = (from: number, sign: number): number[] => {
        const ends: number[] = new Array<number>(count);
        for (let k = 0; k < count; k++) ends[sign > 0 ? k : count - 1 - k] = from + sign * k * slide;
        return ends;
      };
      return {
        sliceEnd: (t) => alignedStart(t, slide, offset) + slide,
        windowEnds: (sliceEnd) => steps(sliceEnd, 1),
        lastWindowEnd: (sliceEnd) => sliceEnd + (count - 1) * slide,
        sliceEnds: (windowEnd) => steps(windowEnd, -1),
        windowStart: (windowEnd) => windowEnd - size,
      };
    }
    case 'cumulate': {
      const { maxSize, step, offset } = spec;
      const startOf = (windowEnd: number): number => alignedStart(windowEnd - 1, maxSize, offset);
      // The last cumulative window ends at the last step boundary within the max-size window (its end, when step divides maxSize).
      const lastEndFrom = (start: number): number => alignedStart(start + maxSize, step, offset);
      return {
        sliceEnd(t) {
          const end = alignedStart(t, step, offset) + step;
          return end <= lastEndFrom(alignedStart(t, maxSize, offset)) ? end : undefined;
        },
        windowEnds(sliceEnd) {
          const last = lastEndFrom(startOf(sliceEnd));
          const ends: number[] = [];
          for (let end = sliceEnd; end <= last; end += step) ends.push(end);
          return ends;
        },
        lastWindowEnd: (sliceEnd) => lastEndFrom(startOf(sliceEnd)),
        sliceEnds(windowEnd) {
          const start = startOf(windowEnd);
          const ends: number[] = [];
          for (let end = windowEnd; end > start; end -= step) ends.unshift(end);
          return ends;
        },
        windowStart: startOf,
      };
    }
    case 'tumble':
    case 'session':
      return undefined;
  }
}

/** Argument types whose values MIN/MAX order totally (no NaN or −0 ambiguity), so any merge order gives one extreme. */
const TOTALLY_ORDERED = new Set(['BOOLEAN', 'TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'DECIMAL', 'STRING', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'DATE', 'TIME']);
/** Argument types whose SUM / AVG / variance sums are exact or wrap modulo 2^n: associative and commutative. */
const EXACT_SUMS = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'DECIMAL']);

/**
 * Whether merging per-slice accumulators gives exactly what accumulating each row into each window in arrival order
 * gives, whatever the order and grouping of the rows. True for aggregates that form a commutative group under
 * accumulate/retract (COUNT, BOOL_AND/OR, SUM/AVG/variance of integers and DECIMAL); over an append-only input also
 * for MIN/MAX of totally ordered types, APPROX_COUNT_DISTINCT and DISTINCT over any of these. Not for DOUBLE/FLOAT
 * sums (floating-point addition is not associative), the order-sensitive FIRST_VALUE, LAST_VALUE, LISTAGG, ARRAY_AGG, COLLECT,
 * JSON_ARRAYAGG, JSON_OBJECTAGG (whose duplicate-key error depends on the order), nor user-defined aggregates (their
 * merge may depend on order, or share state). Every function accepted here leaves `other` intact in `merge`, so one
 * slice accumulator can be merged into each of its windows.
 */
export function slicesMergeExactly(calls: readonly AggregateCall[], inputUpdates: boolean): boolean {
  return calls.every((call) => {
    if (call.distinct && inputUpdates) return false; // DISTINCT ignores a retraction of a value its slice never saw
    const arg = call.argType?.kind;
    switch (call.fn) {
      case 'COUNT':
      case 'BOOL_AND':
      case 'BOOL_OR':
        return true;
      case 'SUM':
      case 'AVG':
      case 'STDDEV_POP':
      case 'STDDEV_SAMP':
      case 'VAR_POP':
      case 'VAR_SAMP':
        return arg !== undefined && EXACT_SUMS.has(arg);
      case 'MIN':
      case 'MAX':
        return !inputUpdates && arg !== undefined && TOTALLY_ORDERED.has(arg);
      case 'APPROX_COUNT_DISTINCT':
        return !inputUpdates;
      default:
        return false;
    }
  });
}

/** Key order of the state backends' `entries` (UTF-16 code units). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a type holds FLOAT/DOUBLE values (where -0.0 and 0.0 are one group key, output as first seen). */
export function hasFloat(type: DataType): boolean {
  switch (type.kind) {
    case 'FLOAT':
    case 'DOUBLE':
      return true;
    case 'ROW':
      return type.fields.some((field) => hasFloat(field.type));
    case 'ARRAY':
      return hasFloat(type.element);
    case 'MAP':
      return hasFloat(type.key) || hasFloat(type.value);
    default:
      return false;
  }
}
