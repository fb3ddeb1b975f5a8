/**
 * The changelog of session window results. A session's bounds are part of its output rows, so when a session that
 * has already emitted changes — it grows, or absorbs other emitted sessions in a merge — its earlier rows must be
 * retracted. Per group key, a session remembers every row it (and the sessions it absorbed) emitted and still
 * stands in the output; `appendGroupChanges` turns that and the group's current result into changelog rows:
 *
 * - nothing emitted yet: `+I` the current row;
 * - otherwise the emitted row with the earliest start is the one this session continues: `-U` it and `+U` the
 *   current row (unless both are identical: nothing); each other emitted row belonged to a session that
 *   disappeared into the merge: `-D` it (before the update).
 *
 * Applying the changelog in order therefore always leaves exactly one row per group key and session.
 */
import type { Value } from '../../common/values.js';
import { RowKind } from '../../common/values.js';
import type { WindowChangeBuffer } from './window-change-buffer.js';
import { encodeKey } from '../keys.js';

/** A result row that stands in the output: its session bounds and aggregate values (the group key is implied). */
export interface EmittedRow {
  readonly start: number;
  readonly end: number;
  readonly values: Value[];
}

/**
 * Appends the changes that bring one group key's rows in the output from `emitted` (undefined or empty: none) to
 * the current result `values` of session [start, end). Returns the row that now stands in the output.
 */
export function appendGroupChanges(
  output: WindowChangeBuffer,
  keys: readonly Value[],
  emitted: readonly EmittedRow[] | undefined,
  current: EmittedRow,
  watermark: number,
): EmittedRow {
  if (!emitted || emitted.length === 0) {
    output.add(RowKind.Insert, keys, current.start, current.end, current.values, watermark);
    return current;
  }
  const ordered = [...emitted].sort((a, b) => a.start - b.start);
  const continued = ordered[0]!;
  for (const absorbed of ordered.slice(1)) output.add(RowKind.Delete, keys, absorbed.start, absorbed.end, absorbed.values, watermark);
  if (!sameRow(continued, current)) {
    output.add(RowKind.UpdateBefore, keys, continued.start, continued.end, continued.values, watermark);
    output.add(RowKind.UpdateAfter, keys, current.start, current.end, current.values, watermark);
  }
  return current;
}

function sameRow(a: EmittedRow, b: EmittedRow): boolean {
  return a.start === b.start && a.end === b.end && encodeKey(a.values) === encodeKey(b.values);
}
