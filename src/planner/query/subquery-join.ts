/**
 * `[NOT] EXISTS (SELECT … FROM … WHERE …)` and `x [NOT] IN (SELECT y FROM …)` conjuncts of a WHERE clause, planned
 * as Flink plans them: regular semi joins (EXISTS, IN) and anti joins (NOT EXISTS, NOT IN) of the FROM relation with
 * the subquery (see RegularJoinSpec: a left row is output while it has a match, resp. none; a changelog).
 *
 * - EXISTS: the subquery's WHERE is bound over the outer columns followed by the subquery's FROM columns; equalities
 *   of an outer and an inner column of the same type become join keys (correlation), everything else the join's
 *   residual condition. Its SELECT list does not matter. The subquery may not aggregate or be compound.
 * - IN: `x IN (SELECT y FROM f WHERE w)` is planned as `EXISTS (SELECT … FROM f WHERE w AND x = y)` (so it may be
 *   correlated); other subqueries (GROUP BY, UNION, …) are planned on their own and must return one column.
 * - NOT IN follows SQL's NULL semantics (Flink's null-aware anti join): a row is dropped when the subquery has a
 *   row y with `x = y` TRUE or UNKNOWN (x or y NULL). Unless both sides are NOT NULL, that condition is a residual
 *   with no join key: all rows share one key (one partition, both sides' rows in state).
 */
import { NotImplementedError, PlanError, type SourcePosition } from '../../common/errors.js';
import { BOOLEAN, formatType, sameType, withoutRowtime } from '../../common/types.js';
import type { Expr } from '../../dataflow/expr.js';
import { columnExpr } from '../../dataflow/expr.js';
import type { RegularJoinType } from '../../dataflow/graph.js';
import type { Expression, Query } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import type { Scope } from '../binder/scope.js';
import type { JoinNode } from '../logical/plan.js';
import type { PlannedRelation, PlanningContext } from './context.js';
import { hasAggregation } from './aggregate.js';
import { planFrom } from './from.js';
import { conjunction } from './regular-join.js';

type QueryPlanner = (query: Query, context: PlanningContext) => PlannedRelation;

/** A subquery conjunct of WHERE: the semi/anti join it becomes. */
interface SubqueryConjunct {
  readonly anti: boolean;
  readonly node: Extract<Expression, { kind: 'exists' | 'in-subquery' }>;
}

/** Splits WHERE into its subquery conjuncts and the rest (null when nothing else is left). */
export function splitSubqueryConjuncts(where: Expression): { subqueries: SubqueryConjunct[]; rest: Expression | null } {
  const subqueries: SubqueryConjunct[] = [];
  const rest: Expression[] = [];
  const visit = (node: Expression): void => {
    if (node.kind === 'binary' && node.op === 'AND') {
      visit(node.left);
      visit(node.right);
      return;
    }
    const subquery = asSubquery(node, false);
    if (subquery) subqueries.push(subquery);
    else rest.push(node);
  };
  visit(where);
  const joined = rest.length === 0 ? null : rest.reduce((all, part): Expression => ({ kind: 'binary', op: 'AND', left: all, right: part, position: all.position }));
  return { subqueries, rest: joined };
}

function asSubquery(node: Expression, negated: boolean): SubqueryConjunct | undefined {
  if (node.kind === 'unary' && node.op === 'NOT') return asSubquery(node.operand, !negated);
  if (node.kind === 'exists') return { anti: negated, node };
  if (node.kind === 'in-subquery') return { anti: negated !== node.negated, node };
  return undefined;
}

/** The FROM relation semi/anti-joined with one subquery conjunct. */
export function planSubqueryJoin(outer: PlannedRelation, conjunct: SubqueryConjunct, context: PlanningContext, planQuery: QueryPlanner): PlannedRelation {
  const leftWidth = outer.plan.schema.fields.length;
  const node = conjunct.node;
  const joinType: RegularJoinType = conjunct.anti ? 'anti' : 'semi';
  if (node.kind === 'exists') {
    if (!isSimple(node.query)) {
      throw new NotImplementedError('EXISTS over a subquery with GROUP BY, HAVING, WITH, UNION or without FROM is not supported yet', { position: node.position });
    }
    return correlatedJoin(outer, node.query, joinType, context, planQuery, () => []);
  }
  const operand = bindExpression(node.operand, outer.scope, { clause: 'WHERE' });
  const operandNullable = operand.kind !== 'column' || outer.plan.schema.fields[operand.index]!.nullable;
  const item = node.query.items.length === 1 ? node.query.items[0]!.expr : undefined;
  if (isSimple(node.query) && item && item.kind !== 'star') {
    // `x IN (SELECT y FROM f WHERE w)` is `EXISTS (SELECT … FROM f WHERE w AND x = y)`, which allows correlation.
    return correlatedJoin(outer, node.query, joinType, context, planQuery, (scope) => {
      const value = bindExpression(item, scope, { clause: 'the SELECT list of an IN subquery' });
      checkSameType(operand, value, node.position);
      const valueNullable = value.kind !== 'column' || scope.columns.find((c) => c.index === value.index)?.nullable !== false;
      return [conjunct.anti && (operandNullable || valueNullable) ? nullAwareEquality(operand, value) : equality(operand, value)];
    });
  }
  const inner = planQuery(node.query, context);
  const fields = inner.plan.schema.fields;
  if (fields.length !== 1) {
    throw new PlanError(`The subquery of IN must return one column, but returns ${fields.length}`, { position: node.query.position });
  }
  const column = columnExpr(leftWidth, fields[0]!.type);
  checkSameType(operand, column, node.position);
  if (conjunct.anti && (operandNullable || fields[0]!.nullable)) return semiJoin(outer, inner, 'anti', [], [], [nullAwareEquality(operand, column)]);
  if (operand.kind === 'column') return semiJoin(outer, inner, joinType, [operand.index], [0], []);
  return semiJoin(outer, inner, joinType, [], [], [equality(operand, column)]);
}

/** A subquery without GROUP BY, HAVING, WITH or set operations, with a FROM: its WHERE may reference outer columns. */
function isSimple(sub: Query): boolean {
  return !sub.setOperation && sub.groupBy.length === 0 && !sub.having && !sub.groupingSets && !(sub.with && sub.with.length > 0)
    && sub.from !== null && !hasAggregation(sub);
}

/**
 * The semi/anti join of `outer` with the FROM of `sub`: `sub`'s WHERE and the `extra` conditions are bound over the
 * outer columns followed by the subquery's FROM columns; outer = inner column equalities become keys.
 */
function correlatedJoin(
  outer: PlannedRelation, sub: Query, joinType: RegularJoinType, context: PlanningContext, planQuery: QueryPlanner,
  extra: (scope: Scope) => Expr[],
): PlannedRelation {
  const leftWidth = outer.plan.schema.fields.length;
  const inner = planFrom(sub.from!, context, planQuery);
  const scope: Scope = {
    columns: [...outer.scope.columns.map((c) => ({ ...c, outer: true })), ...inner.scope.columns.map((c) => ({ ...c, index: c.index + leftWidth }))],
  };
  const parts: Expr[] = [];
  if (sub.where) {
    const condition = bindExpression(sub.where, scope, { clause: 'the WHERE clause of a subquery' });
    if (condition.type.kind !== 'BOOLEAN' && condition.type.kind !== 'NULL') {
      throw new PlanError('The WHERE clause of a subquery must be a condition (BOOLEAN)', { position: sub.where.position });
    }
    parts.push(...conjuncts(condition));
  }
  parts.push(...extra(scope));
  const leftKeys: number[] = [];
  const rightKeys: number[] = [];
  const residual: Expr[] = [];
  for (const part of parts) {
    const pair = keyPair(part, leftWidth);
    if (pair) {
      leftKeys.push(pair[0]);
      rightKeys.push(pair[1] - leftWidth);
    } else {
      residual.push(part);
    }
  }
  return semiJoin(outer, inner, joinType, leftKeys, rightKeys, residual);
}

function checkSameType(operand: Expr, value: Expr, position: SourcePosition): void {
  if (!sameType(withoutRowtime(operand.type), withoutRowtime(value.type))) {
    throw new NotImplementedError(`IN (SELECT …) needs the operand and the subquery column to have the same type, but they are ${formatType(operand.type)} and ${formatType(value.type)} (add a CAST)`, { position });
  }
}

function equality(a: Expr, b: Expr): Expr {
  return { kind: 'call', op: 'equal', args: [a, b], type: BOOLEAN };
}

/** `a = b IS NOT FALSE` (TRUE or UNKNOWN: either excludes a row from NOT IN), as `a = b OR a IS NULL OR b IS NULL`. */
function nullAwareEquality(a: Expr, b: Expr): Expr {
  const unknown: Expr = { kind: 'call', op: 'or', args: [isNull(a), isNull(b)], type: BOOLEAN };
  return { kind: 'call', op: 'or', args: [equality(a, b), unknown], type: BOOLEAN };
}

function semiJoin(outer: PlannedRelation, inner: PlannedRelation, joinType: RegularJoinType, leftKeys: number[], rightKeys: number[], residual: Expr[]): PlannedRelation {
  const fields = outer.plan.schema.fields.map((f) => ({ ...f, type: withoutRowtime(f.type) }));
  const plan: JoinNode = {
    kind: 'join',
    left: outer.plan,
    right: inner.plan,
    joinType,
    leftKeys,
    rightKeys,
    residual: conjunction(residual),
    interval: null,
    schema: { fields },
  };
  return { plan, scope: { columns: outer.scope.columns.map((c) => ({ ...c, type: fields[c.index]!.type })) } };
}

function isNull(expr: Expr): Expr {
  return { kind: 'call', op: 'is-null', args: [expr], type: BOOLEAN };
}

function conjuncts(expr: Expr): Expr[] {
  return expr.kind === 'call' && expr.op === 'and' ? expr.args.flatMap(conjuncts) : [expr];
}

/** `outer.a = inner.b` (either order) over same-typed plain columns: [outer index, combined inner index]. */
function keyPair(expr: Expr, leftWidth: number): [number, number] | undefined {
  if (expr.kind !== 'call' || expr.op !== 'equal') return undefined;
  const [a, b] = expr.args;
  if (a?.kind !== 'column' || b?.kind !== 'column' || !sameType(withoutRowtime(a.type), withoutRowtime(b.type))) return undefined;
  if (a.index < leftWidth && b.index >= leftWidth) return [a.index, b.index];
  if (b.index < leftWidth && a.index >= leftWidth) return [b.index, a.index];
  return undefined;
}
