/**
 * Column access for evaluating part of an expression on a subset of the rows (CASE branches, the right side of
 * AND/OR), so that a branch never runs on rows that do not reach it: `CASE WHEN b <> 0 THEN a / b END` never
 * divides by zero.
 */
import type { Value } from '../../common/values.js';

/** Returns the decoded values of input column `index`. */
export type ColumnSource = (index: number) => readonly Value[];

/** The columns of `source` restricted to `rows` (positions in `source`), gathered lazily once per column. */
export function restrict(source: ColumnSource, rows: readonly number[]): ColumnSource {
  const cache = new Map<number, Value[]>();
  return (index) => {
    let gathered = cache.get(index);
    if (gathered === undefined) {
      const all = source(index);
      gathered = new Array<Value>(rows.length);
      for (let i = 0; i < rows.length; i++) gathered[i] = all[rows[i] as number] ?? null;
      cache.set(index, gathered);
    }
    return gathered;
  };
}

/** Writes `values[i]` to `target[rows[i]]`. */
export function scatter(target: Value[], rows: readonly number[], values: readonly Value[]): void {
  for (let i = 0; i < rows.length; i++) target[rows[i] as number] = values[i] as Value;
}

/** Positions 0 … count − 1. */
export function allRows(count: number): number[] {
  const rows = new Array<number>(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows;
}
