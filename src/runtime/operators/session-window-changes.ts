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
import type { OperatorContext } from '../operator.js';
import { makeBatch } from '../batch.js';
import { encodeKey } from '../keys.js';

/** A result row that stands in the output: its session bounds and aggregate values (the group key is implied). */
export interface EmittedRow {
  readonly start: number;
  readonly end: number;
  readonly values: Value[];
}

/** Output rows (keys…, window_start, window_end, window_time, aggregates…) gathered during one message. */
export class SessionChangeBuffer {
  private readonly columns: Value[][];
  private readonly kinds: number[] = [];
  private readonly watermarks: number[] = [];
  private updates = false;

  constructor(width: number) {
    this.columns = Array.from({ length: width }, () => []);
  }

  /** Adds one row, carrying `watermark` (the watermark in force before the advance that produced it). */
  add(kind: RowKind, keys: readonly Value[], start: number, end: number, values: readonly Value[], watermark: number): void {
    let c = 0;
    for (const key of keys) this.columns[c++]!.push(key);
    this.columns[c++]!.push(start);
    this.columns[c++]!.push(end);
    this.columns[c++]!.push(end - 1);
    for (const value of values) this.columns[c++]!.push(value);
    this.kinds.push(kind);
    this.watermarks.push(watermark);
    if (kind !== RowKind.Insert) this.updates = true;
  }

  get length(): number {
    return this.kinds.length;
  }

  async flush(context: OperatorContext): Promise<void> {
    if (this.kinds.length === 0) return;
    const options: { rowKinds?: Uint8Array; watermarks: Float64Array } = { watermarks: Float64Array.from(this.watermarks) };
    if (this.updates) options.rowKinds = Uint8Array.from(this.kinds);
    await context.emit(makeBatch(context.outputSchema, this.columns, this.kinds.length), options);
  }
}

/**
 * Appends the changes that bring one group key's rows in the output from `emitted` (undefined or empty: none) to
 * the current result `values` of session [start, end). Returns the row that now stands in the output.
 */
export function appendGroupChanges(
  output: SessionChangeBuffer,
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
