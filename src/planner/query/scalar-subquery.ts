/**
 * Scalar subqueries in WHERE and SELECT (`WHERE price > (SELECT AVG(price) FROM bids)`), as Flink (Calcite) plans an
 * uncorrelated one: the query's input LEFT JOINed on TRUE with the subquery's single row, whose column then stands
 * for the subquery (NULL while the subquery has no row). The result follows the subquery's changes: a new average
 * retracts and re-emits the joined rows (an updating result, and the join keeps every input row in state).
 *
 * A subquery must have one column and give one row: Sluice takes a SELECT of aggregates without GROUP BY (which
 * has one row once it has seen a row); others are refused, as are correlated ones (they fail to find the outer
 * column) and scalar subqueries elsewhere (GROUP BY queries' SELECT and HAVING, ON conditions).
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { Expression, Query, ScalarSubqueryExpr } from '../../parser/ast.js';
import { expressionChildren } from '../../parser/ast-walk.js';
import { hasAggregation } from './aggregate.js';
import type { PlannedRelation, PlanningContext } from './context.js';
import type { QueryPlanner } from './from.js';
import { planKeyedJoin } from './regular-join.js';

export interface ScalarSubqueries {
  readonly input: PlannedRelation;
  /** The joined column for a scalar subquery node of the query (undefined for any other node). */
  readonly substitute: (node: Expression) => Expr | undefined;
}

/** Joins `input` with each scalar subquery of `expressions` (not looking inside nested queries); none: `input` as is. */
export function planScalarSubqueries(expressions: readonly Expression[], input: PlannedRelation, context: PlanningContext, planQuery: QueryPlanner): ScalarSubqueries {
  const found: ScalarSubqueryExpr[] = [];
  const visit = (node: Expression): void => {
    if (node.kind === 'scalar-subquery') found.push(node);
    else for (const child of expressionChildren(node)) visit(child);
  };
  for (const expression of expressions) visit(expression);
  if (found.length === 0) return { input, substitute: () => undefined };
  const columns = new Map<ScalarSubqueryExpr, Expr>();
  let joined = input;
  for (const node of found) {
    requireSingleRow(node.query, node);
    const sub = planQuery(node.query, context);
    const fields = sub.plan.schema.fields;
    if (fields.length !== 1) {
      throw new PlanError(`A scalar subquery must return exactly one column, but this one returns ${fields.length}`, { position: node.position });
    }
    const width = joined.plan.schema.fields.length;
    const result = planKeyedJoin({ joinType: 'left', left: joined, right: sub, leftKeys: [], rightKeys: [], conditions: [], position: node.position });
    columns.set(node, columnExpr(width, result.plan.schema.fields[width]!.type));
    // The subquery's column is reached only through the substitution, never by name.
    joined = { plan: result.plan, scope: { columns: result.scope.columns.filter((c) => c.index < width) } };
  }
  return { input: joined, substitute: (node) => (node.kind === 'scalar-subquery' ? columns.get(node) : undefined) };
}

function requireSingleRow(query: Query, node: ScalarSubqueryExpr): void {
  const single = !query.setOperation && query.from !== null && query.groupBy.length === 0 && !query.groupingSets && hasAggregation(query);
  if (!single && query.from !== null) {
    throw new NotImplementedError('A scalar subquery must return one row: Sluice takes a SELECT of aggregates without GROUP BY, e.g. (SELECT MAX(price) FROM bids)', {
      position: node.position,
    });
  }
}
