/**
 * MATCH_RECOGNIZE as the runtime sees it (Flink's StreamExecMatch over its CEP library): rows are ordered per
 * partition key by time (and the other ORDER BY keys), then fed to a pattern of variables with quantifiers; each
 * match emits one row — the partition columns, then the measures.
 *
 * DEFINE conditions and MEASURES are expressions over *pattern references* (`refs`): column i of the row they read
 * is the value of `refs[i]` in the match being tried — `A.price` (the last row mapped to A), `FIRST(A.price, 1)`,
 * `SUM(B.price)`, `price` (the last row of the match), `MATCH_PROCTIME()`. While a condition is evaluated the row
 * being tried counts as mapped to its variable (Flink's semantics).
 */
import type { DataType } from '../common/types.js';
import type { Expr } from './expr.js';
import type { AggregateCall, LateRowMapping, SortKey } from './graph.js';

/** One variable of the pattern with its quantifier. */
export interface PatternElement {
  readonly variable: string;
  readonly min: number;
  /** null: no upper bound. */
  readonly max: number | null;
  /** Greedy: while the row fits this variable, it is never taken by the next one (Flink's greedy quantifier). */
  readonly greedy: boolean;
  /** The DEFINE condition over `refs`; null: every row fits. */
  readonly condition: Expr | null;
}

/** A value read from the rows of a match; `variable` null means all of its rows (Flink's default variable `*`). */
export type PatternRef =
  /** A column of one row: `from` 'last' counts back from the last row (offset 0 is the last), 'first' on from the first. */
  | { readonly kind: 'navigate'; readonly variable: string | null; readonly from: 'first' | 'last'; readonly offset: number; readonly column: number; readonly type: DataType }
  /** An aggregate over the rows, of `argument` (an expression over the input columns; null for COUNT(*)). */
  | { readonly kind: 'aggregate'; readonly variable: string | null; readonly call: AggregateCall; readonly argument: Expr | null; readonly type: DataType }
  /** MATCH_PROCTIME(): the wall clock when the match is emitted. */
  | { readonly kind: 'proctime'; readonly type: DataType };

export type AfterMatchStrategy =
  | { readonly kind: 'past-last-row' }
  | { readonly kind: 'to-next-row' }
  | { readonly kind: 'to-first' | 'to-last'; readonly variable: string };

export interface MatchRecognizeSpec {
  readonly kind: 'match-recognize';
  readonly partitionKeys: readonly number[];
  readonly timeIndex: number;
  /** `processing`: ORDER BY a PROCTIME() attribute — rows are matched as they arrive; absent: event time. */
  readonly timeMode?: 'processing';
  /** The ORDER BY keys after the time attribute (they order the rows of one time). */
  readonly orderBy: readonly SortKey[];
  readonly pattern: readonly PatternElement[];
  readonly afterMatch: AfterMatchStrategy;
  /** WITHIN: a partial match whose rows would span this many milliseconds or more is dropped; null: no limit. */
  readonly within: number | null;
  readonly refs: readonly PatternRef[];
  /** The MEASURES, over `refs`. */
  readonly measures: readonly Expr[];
  readonly lateTable: string;
  readonly lateRow?: LateRowMapping;
}
