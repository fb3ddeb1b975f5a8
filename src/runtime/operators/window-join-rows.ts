/**
 * The join of one window's rows, as a pure function: the buffered rows of both sides in arrival order in, the
 * joined rows out, in a defined order: each left row with its matches (right arrival order), or padded with NULLs
 * in a LEFT / FULL join when it has none; then, in a RIGHT / FULL join, the right rows that matched nothing.
 *
 * Rows match when their key values are equal (SQL `=`: a NULL key matches nothing) and the residual condition is
 * TRUE over the joined row (left columns, then right columns).
 */
import type { Value } from '../../common/values.js';
import type { Expr } from '../../dataflow/expr.js';
import type { WindowJoinType } from '../../dataflow/graph.js';
import { compileExpr } from '../expr/evaluate.js';
import { joinKeyOf } from '../keys.js';

export type Row = readonly Value[];

export interface WindowRowsJoin {
  readonly joinType: WindowJoinType;
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  readonly leftWidth: number;
  readonly rightWidth: number;
  /** Compiled residual condition over joined rows, or null. */
  readonly residual: ResidualCondition | null;
}

/** Evaluates a condition over candidate pairs at once: TRUE for pair i when `result[i] === true`. */
export type ResidualCondition = (column: (index: number) => readonly Value[], rowCount: number) => readonly Value[];

export function compileResidual(expr: Expr | null): ResidualCondition | null {
  return expr ? compileExpr(expr) : null;
}

/** Joins one window's rows; see the module comment for the order of the output. */
export function joinWindowRows(join: WindowRowsJoin, left: readonly Row[], right: readonly Row[]): Value[][] {
  const { pairLeft, pairRight } = matchingPairs(join, left, right);
  const output: Value[][] = [];
  const rightMatched = new Uint8Array(right.length);
  const leftNulls: Value[] = new Array<Value>(join.leftWidth).fill(null);
  const rightNulls: Value[] = new Array<Value>(join.rightWidth).fill(null);
  const padLeft = join.joinType === 'left' || join.joinType === 'full';
  const padRight = join.joinType === 'right' || join.joinType === 'full';
  let p = 0;
  for (let l = 0; l < left.length; l++) {
    let matched = false;
    // Pairs are generated left row by left row, so this left row's pairs are the next ones.
    for (; p < pairLeft.length && pairLeft[p] === l; p++) {
      const r = pairRight[p]!;
      output.push([...left[l]!, ...right[r]!]);
      rightMatched[r] = 1;
      matched = true;
    }
    if (!matched && padLeft) output.push([...left[l]!, ...rightNulls]);
  }
  if (padRight) {
    for (let r = 0; r < right.length; r++) if (!rightMatched[r]) output.push([...leftNulls, ...right[r]!]);
  }
  return output;
}

/** Candidate pairs by key (or all pairs without keys), then those for which the residual condition is TRUE. */
function matchingPairs(join: WindowRowsJoin, left: readonly Row[], right: readonly Row[]): { pairLeft: number[]; pairRight: number[] } {
  let pairLeft: number[] = [];
  let pairRight: number[] = [];
  if (join.leftKeys.length > 0) {
    const byKey = new Map<string, number[]>();
    right.forEach((row, r) => {
      const key = joinKeyOf(row, join.rightKeys);
      if (key === undefined) return;
      const rows = byKey.get(key);
      if (rows) rows.push(r);
      else byKey.set(key, [r]);
    });
    left.forEach((row, l) => {
      const key = joinKeyOf(row, join.leftKeys);
      const matches = key === undefined ? undefined : byKey.get(key);
      if (!matches) return;
      for (const r of matches) {
        pairLeft.push(l);
        pairRight.push(r);
      }
    });
  } else {
    for (let l = 0; l < left.length; l++) {
      for (let r = 0; r < right.length; r++) {
        pairLeft.push(l);
        pairRight.push(r);
      }
    }
  }
  if (join.residual && pairLeft.length > 0) {
    const columns = new Map<number, Value[]>();
    const column = (index: number): readonly Value[] => {
      let values = columns.get(index);
      if (!values) {
        values = index < join.leftWidth
          ? pairLeft.map((l) => left[l]![index]!)
          : pairRight.map((r) => right[r]![index - join.leftWidth]!);
        columns.set(index, values);
      }
      return values;
    };
    const verdicts = join.residual(column, pairLeft.length);
    const keptLeft: number[] = [];
    const keptRight: number[] = [];
    for (let i = 0; i < pairLeft.length; i++) {
      if (verdicts[i] !== true) continue;
      keptLeft.push(pairLeft[i]!);
      keptRight.push(pairRight[i]!);
    }
    pairLeft = keptLeft;
    pairRight = keptRight;
  }
  return { pairLeft, pairRight };
}
