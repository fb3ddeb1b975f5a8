/**
 * The correlate operator's spec (Flink's Correlate): per input row, the rows a table function produces from it —
 * UNNEST of an ARRAY or MAP, or a user-defined table function — each appended to the input row. Stateless; every
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
  | { readonly kind: 'user'; readonly id: string; readonly name: string; readonly args: readonly Expr[] };

export interface CorrelateSpec {
  readonly kind: 'correlate';
  readonly function: CorrelateFunction;
  /** 'left': an input row for which the function produces nothing is emitted once, NULL-padded. */
  readonly joinType: 'inner' | 'left';
  /** Where the call was written, for run-time errors. */
  readonly position: SourcePosition;
}
