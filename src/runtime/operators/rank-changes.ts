/**
 * The pure part of non-window Top-N (Flink's Rank): a partition's rows held sorted by the ORDER BY keys (ties in
 * arrival order), the slice of them that is the result (ranks `start`..`end`), and the changes that turn one result
 * into the next.
 *
 * With the rank as an output column, the result is a list of positions and a change at a position is -U (the old
 * row with its rank) then +U (the new one); where the result grows, +I, where it shrinks, -D — what Flink's
 * AppendOnlyTopNFunction and RetractableTopNFunction emit, in ascending rank order. Without the rank, only the rows
 * leaving the result (-D) and those entering it (+I), deletions first — except for a ROW_NUMBER top 1 over an
 * append-only input, whose one row per partition is replaced by -U/+U (the partition key is the result's unique key),
 * as Flink's FastTop1Function emits.
 */
import { RowKind } from '../../common/values.js';
import type { RankFunction, SortKey } from '../../dataflow/graph.js';
import { encodeKey } from '../keys.js';
import { compareRows, insertionPoint, type Row } from '../windows/ranked-rows.js';

/** A row of the result: its position in the sorted partition and its rank. */
export interface RankedRow {
  readonly row: Row;
  readonly position: number;
  readonly rank: number;
}

export interface RankChange {
  readonly kind: RowKind;
  readonly row: Row;
  readonly rank: number;
}

export interface RankRange {
  readonly rankFunction: RankFunction;
  readonly start: number;
  readonly end: number;
}

/** The rows of the sorted `rows` ranked within [start, end], in order. Reads only as far as the last such rank. */
export function resultRows(rows: readonly Row[], orderBy: readonly SortKey[], range: RankRange): RankedRow[] {
  const result: RankedRow[] = [];
  let rank = 0;
  for (let i = 0; i < rows.length; i++) {
    if (range.rankFunction === 'ROW_NUMBER' || i === 0) rank = i + 1;
    else if (compareRows(rows[i - 1]!, rows[i]!, orderBy) !== 0) rank = range.rankFunction === 'RANK' ? i + 1 : rank + 1;
    if (rank > range.end) break;
    if (rank >= range.start) result.push({ row: rows[i]!, position: i, rank });
  }
  return result;
}

/** Inserts `row` into the sorted `rows` after the rows it ties with (the earlier arrival ranks first); returns its position. */
export function insertRow(rows: Row[], row: Row, orderBy: readonly SortKey[]): number {
  const position = insertionPoint(rows, row, { orderBy, ties: 'first-arrival' });
  rows.splice(position, 0, row);
  return position;
}

/** Removes the first row equal to `row` (all values equal) from the sorted `rows`; its former position, or −1 when absent. */
export function removeRow(rows: Row[], row: Row, orderBy: readonly SortKey[]): number {
  // The first row that does not sort before `row`, then along its ties.
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareRows(rows[mid]!, row, orderBy) < 0) low = mid + 1;
    else high = mid;
  }
  const wanted = encodeKey(row);
  for (let i = low; i < rows.length && compareRows(rows[i]!, row, orderBy) === 0; i++) {
    if (rows[i] === row || encodeKey(rows[i]!) === wanted) {
      rows.splice(i, 1);
      return i;
    }
  }
  return -1;
}

/**
 * Cuts the rows that can no longer reach rank `end` (an append-only input never retracts, so ranks only grow):
 * ROW_NUMBER keeps `end` rows, RANK and DENSE_RANK every row ranked `end` or better, ties included.
 */
export function trimToRank(rows: Row[], orderBy: readonly SortKey[], rankFunction: RankFunction, end: number): void {
  if (rankFunction === 'ROW_NUMBER') {
    if (rows.length > end) rows.length = Math.max(end, 0);
    return;
  }
  const kept = resultRows(rows, orderBy, { rankFunction, start: 1, end });
  rows.length = kept.length;
}

/** Whether changes are reported by position (-U/+U at a rank) rather than by membership (-D/+I of rows). */
export function changesByPosition(spec: { readonly outputRank: boolean; readonly inputUpdates: boolean } & RankRangeOf): boolean {
  return spec.outputRank || (!spec.inputUpdates && spec.rankFunction === 'ROW_NUMBER' && spec.rankStart === 1 && spec.rankEnd === 1);
}

type RankRangeOf = { readonly rankFunction: RankFunction; readonly rankStart: number; readonly rankEnd: number };

/** The changes from result `before` to result `after` (see the module comment). */
export function rankChanges(before: readonly RankedRow[], after: readonly RankedRow[], byPosition: boolean): RankChange[] {
  return byPosition ? positionChanges(before, after) : membershipChanges(before, after);
}

function positionChanges(before: readonly RankedRow[], after: readonly RankedRow[]): RankChange[] {
  const changes: RankChange[] = [];
  const old = new Map(before.map((r) => [r.position, r]));
  const now = new Map(after.map((r) => [r.position, r]));
  const positions = [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => a - b);
  for (const position of positions) {
    const was = old.get(position);
    const is = now.get(position);
    if (was && is) {
      if (was.rank === is.rank && sameRow(was.row, is.row)) continue;
      changes.push({ kind: RowKind.UpdateBefore, row: was.row, rank: was.rank }, { kind: RowKind.UpdateAfter, row: is.row, rank: is.rank });
    } else if (is) {
      changes.push({ kind: RowKind.Insert, row: is.row, rank: is.rank });
    } else if (was) {
      changes.push({ kind: RowKind.Delete, row: was.row, rank: was.rank });
    }
  }
  return changes;
}

function membershipChanges(before: readonly RankedRow[], after: readonly RankedRow[]): RankChange[] {
  const remaining = new Map<string, number>();
  for (const r of before) {
    const key = encodeKey(r.row);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const entering: RankedRow[] = [];
  for (const r of after) {
    const key = encodeKey(r.row);
    const count = remaining.get(key) ?? 0;
    if (count > 0) remaining.set(key, count - 1);
    else entering.push(r);
  }
  const changes: RankChange[] = [];
  for (const r of before) {
    const key = encodeKey(r.row);
    const count = remaining.get(key) ?? 0;
    if (count === 0) continue;
    remaining.set(key, count - 1);
    changes.push({ kind: RowKind.Delete, row: r.row, rank: r.rank });
  }
  for (const r of entering) changes.push({ kind: RowKind.Insert, row: r.row, rank: r.rank });
  return changes;
}

function sameRow(a: Row, b: Row): boolean {
  return a === b || encodeKey(a) === encodeKey(b);
}
