/**
 * Pure ranking of the rows of one window partition (Flink's TopNBuffer, kept small): rows are held sorted by the
 * ORDER BY keys, ties in arrival order (or, for keep-last deduplication, latest arrival first), and only as many
 * as can still rank within the limit. Ranks only grow as rows arrive (a new row never lowers another's rank), so a
 * row cut off once can never come back.
 */
import { compareStrings } from '../expr/comparison.js';
import type { Value } from '../../common/values.js';
import type { RankFunction, SortKey } from '../../dataflow/graph.js';

export type Row = Value[];

export interface RankOptions {
  readonly orderBy: readonly SortKey[];
  readonly rankFunction: RankFunction;
  /** Rows ranked above `limit` are dropped. */
  readonly limit: number;
  /** Which of two rows with equal sort keys ranks first: the one that arrived first, or the one that arrived last. */
  readonly ties: 'first-arrival' | 'last-arrival';
}

/** Compares two non-null values of one SQL type (numbers, bigints, strings or booleans). NaN sorts above all numbers, as in Java. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b); // code points, as Flink
  return (a as bigint | string) < (b as bigint | string) ? -1 : (a as bigint | string) > (b as bigint | string) ? 1 : 0;
}

/** Compares two rows by the sort keys: negative if `a` ranks before `b`. */
export function compareRows(a: Row, b: Row, orderBy: readonly SortKey[]): number {
  for (const key of orderBy) {
    const x = a[key.index] ?? null;
    const y = b[key.index] ?? null;
    if (x === null || y === null) {
      if (x === y) continue;
      return (x === null) === key.nullsFirst ? -1 : 1;
    }
    const order = compareValues(x, y);
    if (order !== 0) return key.descending ? -order : order;
  }
  return 0;
}

/** The rank of each row of a sorted list under `rankFunction` (1-based). */
export function ranksOf(rows: readonly Row[], orderBy: readonly SortKey[], rankFunction: RankFunction): number[] {
  const ranks: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (rankFunction === 'ROW_NUMBER' || i === 0) {
      ranks.push(i + 1);
      continue;
    }
    const tied = compareRows(rows[i - 1]!, rows[i]!, orderBy) === 0;
    const previous = ranks[i - 1]!;
    ranks.push(tied ? previous : rankFunction === 'RANK' ? i + 1 : previous + 1);
  }
  return ranks;
}

/**
 * Inserts `row` into the sorted `rows` (modified in place) and cuts every row ranked above the limit. Returns false
 * when the row ranks above the limit itself and `rows` is unchanged.
 */
export function insertRanked(rows: Row[], row: Row, options: RankOptions): boolean {
  const position = insertionPoint(rows, row, options);
  if (options.rankFunction === 'ROW_NUMBER' && position >= options.limit) return false;
  rows.splice(position, 0, row);
  if (options.rankFunction === 'ROW_NUMBER') {
    if (rows.length > options.limit) rows.length = options.limit;
    return true;
  }
  const ranks = ranksOf(rows, options.orderBy, options.rankFunction);
  const kept = ranks.findIndex((rank) => rank > options.limit);
  if (kept < 0) return true;
  const insertedKept = position < kept;
  rows.length = kept;
  return insertedKept;
}

/** Binary search: after the rows tied with `row` (first-arrival ties) or before them (last-arrival ties). */
export function insertionPoint(rows: readonly Row[], row: Row, options: Pick<RankOptions, 'orderBy' | 'ties'>): number {
  let low = 0;
  let high = rows.length;
  const after = options.ties === 'first-arrival';
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compareRows(rows[mid]!, row, options.orderBy);
    if (order < 0 || (order === 0 && after)) low = mid + 1;
    else high = mid;
  }
  return low;
}
