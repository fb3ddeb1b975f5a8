/**
 * Correlated scalar subqueries, decorrelated as Flink (Calcite) does it for the common shape
 * `(SELECT agg(…) FROM f WHERE f.k = outer.k [AND …])`: the subquery becomes
 * `SELECT f.k, agg(…) FROM f WHERE … GROUP BY f.k` (its other conditions kept, they do not mention the outer query),
 * LEFT JOINed with the outer input on `outer.k = f.k`; its aggregate column stands for the subquery.
 *
 * An outer row without matching rows has no group, so the join pads it with NULL — right for MAX or SUM over no rows,
 * wrong for COUNT (the COUNT bug): the value is then the select item over no rows (COUNT → 0, other aggregates NULL),
 * `CASE WHEN <the group key> IS NULL THEN <that value> ELSE <the column> END`, as Flink plans it. A NULL correlation
 * key matches no group (SQL `=`), so its row gets the value over no rows too.
 *
 * Other correlated shapes (a correlation that is not an equality of same-typed columns, outer columns outside WHERE,
 * GROUP BY or HAVING in the subquery) are refused at the subquery's position.
 */
import { NotImplementedError } from '../../common/errors.js';
import { BIGINT, BOOLEAN, sameType, withoutRowtime } from '../../common/types.js';
import { columnExpr, literalExpr, type Expr } from '../../dataflow/expr.js';
import type { Expression, Query, ScalarSubqueryExpr, SelectItem } from '../../parser/ast.js';
import { expressionChildren } from '../../parser/ast-walk.js';
import { bindExpression, coerce } from '../binder/expressions.js';
import { resolveColumn, type Scope } from '../binder/scope.js';
import { isNeverNull } from '../../runtime/aggregates/index.js';
import { planAggregateCall } from './aggregate-call.js';
import { hasAggregation } from './aggregate.js';
import { isAggregateCall } from './ast-utils.js';
import type { PlannedRelation, PlanningContext } from './context.js';
import { planFrom, type QueryPlanner } from './from.js';
import { planKeyedJoin } from './regular-join.js';
import { referencedColumns } from '../rules/expr-utils.js';

/** The outer input LEFT JOINed with the decorrelated subquery, and the expression that stands for the subquery. */
export interface ScalarSubqueryJoin {
  readonly joined: PlannedRelation;
  readonly value: Expr;
}

interface Correlation {
  /** Outer column index and the inner side (an expression of the subquery's FROM) of each `inner = outer` conjunct. */
  readonly keys: { readonly outer: number; readonly inner: Expression }[];
  /** The WHERE conjuncts that do not mention the outer query. */
  readonly local: Expression[];
}

/** The decorrelated join for a subquery that references `outer`'s columns; undefined when it references none. */
export function planCorrelatedScalarSubquery(
  outer: PlannedRelation, node: ScalarSubqueryExpr, context: PlanningContext, planQuery: QueryPlanner,
): ScalarSubqueryJoin | undefined {
  const sub = node.query;
  if (sub.setOperation || sub.from === null || (sub.with && sub.with.length > 0)) return undefined;
  const inner = planFrom(sub.from, context, planQuery);
  const leftWidth = outer.plan.schema.fields.length;
  const scope: Scope = {
    columns: [...outer.scope.columns.map((c) => ({ ...c, outer: true })), ...inner.scope.columns.map((c) => ({ ...c, index: c.index + leftWidth }))],
  };
  const correlation = findCorrelation(sub, scope, leftWidth, node);
  const outerElsewhere = [...sub.items.map((i) => i.expr), ...sub.groupBy, ...(sub.having ? [sub.having] : [])]
    .some((e) => readsOuterColumn(e, inner.scope, scope));
  if (correlation.keys.length === 0) {
    if (outerElsewhere) throw refusal(node);
    return undefined;
  }
  const item = sub.items.length === 1 ? sub.items[0]! : undefined;
  if (outerElsewhere || !item || item.expr.kind === 'star' || sub.groupBy.length > 0 || sub.groupingSets || sub.having
    || !hasAggregation(sub) || hasColumnOutsideAggregates(item.expr)) {
    throw refusal(node);
  }

  // SELECT <inner keys…>, <item> FROM f WHERE <local conditions> GROUP BY <inner keys…>
  const keyItems: SelectItem[] = correlation.keys.map((key, i) => ({
    kind: 'select-item', expr: key.inner, alias: { kind: 'identifier', name: `$corr${i}`, quoted: true, position: key.inner.position }, position: key.inner.position,
  }));
  const decorrelated: Query = {
    ...sub,
    items: [...keyItems, item],
    where: andAll(correlation.local),
    groupBy: correlation.keys.map((key) => key.inner),
  };
  const right = planQuery(decorrelated, context);
  const keyCount = correlation.keys.length;
  const result = planKeyedJoin({
    joinType: 'left',
    left: outer,
    right,
    leftKeys: correlation.keys.map((key) => key.outer),
    rightKeys: correlation.keys.map((_, i) => i),
    conditions: [],
    position: node.position,
  });
  const fields = result.plan.schema.fields;
  const column = columnExpr(leftWidth + keyCount, fields[leftWidth + keyCount]!.type);
  const overNoRows = valueOverNoRows(item.expr, inner);
  const value: Expr = overNoRows === undefined ? column : {
    kind: 'case',
    whens: [{ when: { kind: 'call', op: 'is-null', args: [columnExpr(leftWidth, fields[leftWidth]!.type)], type: BOOLEAN }, then: coerce(overNoRows, column.type) }],
    otherwise: column,
    type: column.type,
  };
  return { joined: result, value };
}

/** Whether `sub` (a query with a FROM, not compound) names a column that only the enclosing query (`outer`) has. */
export function readsOuterQuery(sub: Query, outer: Scope, context: PlanningContext, planQuery: QueryPlanner): boolean {
  if (sub.setOperation || sub.from === null || (sub.with && sub.with.length > 0)) return false;
  const own = planFrom(sub.from, context, planQuery).scope;
  const combined: Scope = { columns: [...outer.columns.map((c) => ({ ...c, outer: true })), ...own.columns] };
  const written = [...sub.items.map((i) => i.expr), ...(sub.where ? [sub.where] : []), ...sub.groupBy, ...(sub.having ? [sub.having] : [])];
  return written.some((e) => e.kind !== 'star' && readsOuterColumn(e, own, combined));
}

function refusal(node: ScalarSubqueryExpr): NotImplementedError {
  return new NotImplementedError(
    'This correlated subquery is not supported yet: Sluice decorrelates EXISTS and scalar subqueries of one aggregate without GROUP BY or HAVING, correlated by equalities of same-typed columns in their WHERE (else add a CAST), e.g. (SELECT MAX(a.price) FROM asks a WHERE a.item = b.item)',
    { position: node.position },
  );
}

/** Splits the subquery's WHERE into correlation keys (`inner = outer` of one type) and conditions on its own FROM. */
function findCorrelation(sub: Query, scope: Scope, leftWidth: number, node: ScalarSubqueryExpr): Correlation {
  const keys: Correlation['keys'] = [];
  const local: Expression[] = [];
  for (const conjunct of sub.where ? splitAnd(sub.where) : []) {
    // Conditions with subqueries of their own are planned with the subquery (they may not reach the outer query).
    if (containsSubquery(conjunct)) {
      local.push(conjunct);
      continue;
    }
    const bound = bindExpression(conjunct, scope, { clause: 'the WHERE clause of a subquery' });
    if (![...referencedColumns(bound)].some((index) => index < leftWidth)) {
      local.push(conjunct);
      continue;
    }
    const key = conjunct.kind === 'binary' && conjunct.op === '=' ? keyOf(conjunct.left, conjunct.right, scope, leftWidth) : undefined;
    if (!key) throw refusal(node);
    keys.push(key);
  }
  return { keys, local };
}

/** `inner = outer` (either order) over plain columns of one type: the outer column's index and the inner side. */
function keyOf(a: Expression, b: Expression, scope: Scope, leftWidth: number): Correlation['keys'][number] | undefined {
  const left = bindExpression(a, scope, {});
  const right = bindExpression(b, scope, {});
  if (left.kind !== 'column' || right.kind !== 'column' || !sameType(withoutRowtime(left.type), withoutRowtime(right.type))) return undefined;
  if (left.index < leftWidth && right.index >= leftWidth) return { outer: left.index, inner: b };
  if (right.index < leftWidth && left.index >= leftWidth) return { outer: right.index, inner: a };
  return undefined;
}

/**
 * The select item over no rows (COUNT → 0, other aggregates NULL), when that is not NULL: what an outer row without
 * a matching group gets. Undefined when it is NULL (the join's padding is then already right).
 */
function valueOverNoRows(item: Expression, inner: PlannedRelation): Expr | undefined {
  const substitute = (node: Expression): Expr | undefined => {
    if (!isAggregateCall(node)) return undefined;
    const call = planAggregateCall(node, inner).call;
    return isNeverNull(call.fn) ? literalExpr(0n, BIGINT) : literalExpr(null, call.type);
  };
  const value = bindExpression(item, { columns: [] }, { clause: 'SELECT', substitute });
  return value.kind === 'literal' && value.value === null ? undefined : value;
}

/** Whether `node` (not looking into nested queries) names a column that only the enclosing query has. */
function readsOuterColumn(node: Expression, own: Scope, combined: Scope): boolean {
  if (node.kind === 'column') {
    if (tryResolve(node, own)) return false;
    return tryResolve(node, combined);
  }
  return expressionChildren(node).some((child) => readsOuterColumn(child, own, combined));
}

function tryResolve(node: Extract<Expression, { kind: 'column' }>, scope: Scope): boolean {
  try {
    resolveColumn(node, scope);
    return true;
  } catch {
    return false;
  }
}

/** A column read outside every aggregate call (its value over no rows would be unknown). */
function hasColumnOutsideAggregates(node: Expression): boolean {
  if (isAggregateCall(node)) return false;
  if (node.kind === 'column') return true;
  return expressionChildren(node).some(hasColumnOutsideAggregates);
}

function containsSubquery(node: Expression): boolean {
  if (node.kind === 'exists' || node.kind === 'in-subquery' || node.kind === 'scalar-subquery') return true;
  return expressionChildren(node).some(containsSubquery);
}

function splitAnd(node: Expression): Expression[] {
  return node.kind === 'binary' && node.op === 'AND' ? [...splitAnd(node.left), ...splitAnd(node.right)] : [node];
}

function andAll(parts: readonly Expression[]): Expression | null {
  if (parts.length === 0) return null;
  return parts.reduce((all, part): Expression => ({ kind: 'binary', op: 'AND', left: all, right: part, position: all.position }));
}
