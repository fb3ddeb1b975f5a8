/**
 * The correlate operator's spec (Flink's Correlate): per input row, the rows a table function produces from it —
 * UNNEST of an ARRAY or MAP, a user-defined table function, or copies of the row (INTERSECT / EXCEPT ALL) — each appended to the input row. Stateless; every
 * produced row keeps its input row's kind (+I/-U/+U/-D) and watermark.
 */
import type { SourcePosition } from '../common/errors.js';
import type { Expr } from './expr.js';

/**
 * How UNNEST turns its argument into rows: an ARRAY's elements as one column each (`element`), an ARRAY of ROWs'
 * elements as the row's fields (`row-fields`; a NULL element produces no row), a MAP's entries as key and value
 * (`map-entries`). A NULL collection produces no rows.
 */
export type UnnestExpansion = 'element' | 'row-fields' | 'map-entries';

export type CorrelateFunction =
  | { readonly kind: 'unnest'; readonly argument: Expr; readonly expansion: UnnestExpansion }
  /** A user-defined table function, by the id the session registered it under (runtime/expr/user-table-functions.ts). */
  | { readonly kind: 'user'; readonly id: string; readonly name: string; readonly args: readonly Expr[] }
  /**
   * Flink's internal ReplicateRows of INTERSECT ALL / EXCEPT ALL: `count` (BIGINT) copies of the input row, no
   * produced columns; none for a NULL or non-positive count.
   */
  | { readonly kind: 'replicate'; readonly count: Expr };

/** The expressions a correlate's function reads, in order. */
export function correlateArguments(fn: CorrelateFunction): readonly Expr[] {
  switch (fn.kind) {
    case 'unnest': return [fn.argument];
    case 'user': return fn.args;
    case 'replicate': return [fn.count];
  }
}

/** `fn` reading `args` instead (as many, in the order `correlateArguments` gives them). */
export function withCorrelateArguments(fn: CorrelateFunction, args: readonly Expr[]): CorrelateFunction {
  switch (fn.kind) {
    case 'unnest': return { ...fn, argument: args[0]! };
    case 'user': return { ...fn, args };
    case 'replicate': return { ...fn, count: args[0]! };
  }
}

export interface CorrelateSpec {
  readonly kind: 'correlate';
  readonly function: CorrelateFunction;
  /** 'left': an input row for which the function produces nothing is emitted once, NULL-padded. */
  readonly joinType: 'inner' | 'left';
  /** Where the call was written, for run-time errors. */
  readonly position: SourcePosition;
}
