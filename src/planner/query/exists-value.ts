/**
 * `EXISTS (SELECT …)` as a value (in the SELECT list, HAVING, or WHERE under OR / NOT, where it cannot be a semi
 * join): the scalar subquery `(SELECT MIN(TRUE) FROM … WHERE …)`, TRUE while the subquery has a row and NULL otherwise,
 * so `EXISTS` is that value `IS NOT NULL`. This is Calcite's marker (a LEFT join with `SELECT DISTINCT <keys>, TRUE`):
 * the value changes only when the subquery gains its first row or loses its last one. A correlated EXISTS is
 * decorrelated like any scalar subquery (correlated-scalar-subquery.ts); one with GROUP BY, HAVING, a set operation
 * or no FROM is read as a whole: `(SELECT MIN(TRUE) FROM (<subquery>))`.
 */
import { BOOLEAN } from '../../common/types.js';
import type { Expr } from '../../dataflow/expr.js';
import type { ExistsExpr, FunctionCall, Query, ScalarSubqueryExpr } from '../../parser/ast.js';
import { hasAggregation } from './aggregate.js';

/** The scalar subquery whose value is TRUE exactly when `node`'s subquery has a row (NULL otherwise). */
export function existsMarkerSubquery(node: ExistsExpr): ScalarSubqueryExpr {
  const sub = node.query;
  const position = node.position;
  const marker: FunctionCall = {
    kind: 'call',
    name: { kind: 'identifier', name: 'MIN', quoted: false, position },
    args: [{ kind: 'literal', type: 'boolean', text: 'TRUE', position }],
    distinct: false,
    star: false,
    position,
  };
  const items = [{ kind: 'select-item' as const, expr: marker, alias: null, position }];
  const whole = sub.setOperation || sub.from === null || sub.groupBy.length > 0 || sub.groupingSets || sub.having || hasAggregation(sub);
  const query: Query = whole
    ? { kind: 'select', distinct: false, items, from: { kind: 'subquery', query: sub, alias: null, position }, where: null, groupBy: [], having: null, orderBy: [], limit: null, position }
    : { ...sub, distinct: false, items };
  return { kind: 'scalar-subquery', query, position };
}

/** `marker IS NOT NULL`: the EXISTS, from the joined marker's value. */
export function existsFromMarker(marker: Expr): Expr {
  return { kind: 'call', op: 'is-not-null', args: [marker], type: BOOLEAN };
}
