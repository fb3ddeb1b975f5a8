/**
 * Scalar subqueries (`WHERE price > (SELECT AVG(price) FROM bids)`), as Flink (Calcite) plans them: the query's input
 * LEFT JOINed with the subquery's result, whose column then stands for the subquery. The result follows the
 * subquery's changes: a new average retracts and re-emits the joined rows (an updating result; the join keeps every
 * input row in state).
 *
 * - Uncorrelated: joined on TRUE with the subquery's one row, NULL while it has none. A subquery that may give more
 *   than one row (anything but aggregates without GROUP BY, or a SELECT without FROM) is wrapped in a SINGLE_VALUE
 *   aggregate, which fails the job when a second row arrives, naming the subquery's position.
 * - Correlated: decorrelated into a LEFT join on the correlation keys (correlated-scalar-subquery.ts).
 *
 * A subquery must have one column. Sites: WHERE, the SELECT list, HAVING (the caller picks the expressions and the
 * input: the FROM relation, or a GROUP BY's output).
 */
import { PlanError, type SourcePosition } from '../../common/errors.js';
import { withoutRowtime } from '../../common/types.js';
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import { SINGLE_VALUE_AGGREGATE, type AggregateCall } from '../../dataflow/graph.js';
import type { ExistsExpr, Expression, Query, ScalarSubqueryExpr } from '../../parser/ast.js';
import { expressionChildren } from '../../parser/ast-walk.js';
import type { AggregateNode } from '../logical/plan.js';
import { hasAggregation } from './aggregate.js';
import { scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';
import { planCorrelatedScalarSubquery, type ScalarSubqueryJoin } from './correlated-scalar-subquery.js';
import { existsFromMarker, existsMarkerSubquery } from './exists-value.js';
import type { QueryPlanner } from './from.js';
import { planKeyedJoin } from './regular-join.js';

export interface ScalarSubqueries {
  readonly input: PlannedRelation;
  /** The joined column for a scalar subquery node of the query, its test for an EXISTS (undefined for any other node). */
  readonly substitute: (node: Expression) => Expr | undefined;
}

/**
 * Joins `input` with each scalar subquery and EXISTS of `expressions` (not looking inside nested queries; an EXISTS
 * as a value, see exists-value.ts); none: `input` as is.
 */
export function planScalarSubqueries(expressions: readonly Expression[], input: PlannedRelation, context: PlanningContext, planQuery: QueryPlanner): ScalarSubqueries {
  const found: (ScalarSubqueryExpr | ExistsExpr)[] = [];
  const visit = (node: Expression): void => {
    // A node may be reached twice (in-value.ts uses one subquery twice): it is joined once.
    if (node.kind === 'scalar-subquery' || node.kind === 'exists') {
      if (!found.includes(node)) found.push(node);
    }
    else for (const child of expressionChildren(node)) visit(child);
  };
  for (const expression of expressions) visit(expression);
  if (found.length === 0) return { input, substitute: () => undefined };
  const values = new Map<Expression, Expr>();
  let current = input;
  for (const node of found) {
    const width = current.plan.schema.fields.length;
    const scalar = node.kind === 'exists' ? existsMarkerSubquery(node) : node;
    const { joined, value } = planCorrelatedScalarSubquery(current, scalar, context, planQuery) ?? joinUncorrelated(current, scalar, context, planQuery);
    values.set(node, node.kind === 'exists' ? existsFromMarker(value) : value);
    // The subquery's columns are reached only through the substitution, never by name.
    current = { plan: joined.plan, scope: { columns: joined.scope.columns.filter((c) => c.index < width) } };
  }
  return { input: current, substitute: (node) => values.get(node) };
}

function joinUncorrelated(input: PlannedRelation, node: ScalarSubqueryExpr, context: PlanningContext, planQuery: QueryPlanner): ScalarSubqueryJoin {
  const planned = planQuery(node.query, context);
  const fields = planned.plan.schema.fields;
  if (fields.length !== 1) {
    throw new PlanError(`A scalar subquery must return exactly one column, but this one returns ${fields.length}`, { position: node.position });
  }
  const sub = givesAtMostOneRow(node.query) ? planned : singleValue(planned, node.position);
  const width = input.plan.schema.fields.length;
  const joined = planKeyedJoin({ joinType: 'left', left: input, right: sub, leftKeys: [], rightKeys: [], conditions: [], position: node.position });
  return { joined, value: columnExpr(width, joined.plan.schema.fields[width]!.type) };
}

/** Aggregates without GROUP BY, or a SELECT without FROM: never more than one row (Calcite's max row count 1). */
function givesAtMostOneRow(query: Query): boolean {
  if (query.setOperation) return false;
  if (query.from === null) return true;
  return query.groupBy.length === 0 && !query.groupingSets && hasAggregation(query);
}

/** `SELECT SINGLE_VALUE(x) FROM (sub)`: the subquery's one row, NULL for none, a job failure for a second one. */
function singleValue(sub: PlannedRelation, position: SourcePosition): PlannedRelation {
  const field = sub.plan.schema.fields[0]!;
  const type = withoutRowtime(field.type);
  const call: AggregateCall = { fn: SINGLE_VALUE_AGGREGATE, argIndex: 0, argType: type, distinct: false, type, display: `SINGLE_VALUE(${field.name})`, position };
  const plan: AggregateNode = { kind: 'aggregate', input: sub.plan, keys: [], aggregates: [call], schema: { fields: [{ name: field.name, type, nullable: true }] } };
  return { plan, scope: scopeForPlan(plan, null) };
}
