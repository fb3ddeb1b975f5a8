/**
 * Subqueries in a JOIN's ON condition, in the forms Flink 1.20 plans right (measured with its oracle; Calcite's
 * SubQueryRemoveRule joins the subquery to the join's left input, so only the left input's columns may be involved):
 * an INNER or LEFT join whose ON condition has AND-ed conjuncts `EXISTS (…)` or `<left-side expression> <comparison>
 * (SELECT …)`, each subquery uncorrelated or correlated to the left input.
 *
 * - INNER: those conjuncts filter the left input before the join, as WHERE would (an EXISTS is a semi join, a
 *   scalar subquery a joined value; see subquery-join.ts and scalar-subquery.ts).
 * - LEFT: they decide which right rows match, so the subqueries' values (an EXISTS as its marker) are joined to the
 *   left input and read by the ON condition; their columns are dropped after the join.
 *
 * Refused, as "… is not supported yet": IN (SELECT …) (Flink fails on it), NOT EXISTS, a subquery under OR or as a
 * function argument, a comparison with the right input's columns, a subquery correlated to the right input, and
 * RIGHT and FULL joins (Flink answers these wrongly or fails: test/conformance/join-on-*'s NOTES.md).
 */
import { NotImplementedError, PlanError, type SourcePosition } from '../../common/errors.js';
import { formatType } from '../../common/types.js';
import { columnExpr } from '../../dataflow/expr.js';
import type { ColumnRef, Expression, Join, Query } from '../../parser/ast.js';
import { expressionChildren, expressionsIn } from '../../parser/ast-walk.js';
import { bindExpression } from '../binder/expressions.js';
import { resolveColumn, type Scope } from '../binder/scope.js';
import type { ProjectNode } from '../logical/plan.js';
import type { PlannedRelation, PlanningContext } from './context.js';
import { planFrom, type QueryPlanner } from './from.js';
import { planJoinOn } from './join.js';
import { planScalarSubqueries } from './scalar-subquery.js';
import { planSubqueryJoin } from './subquery-join.js';

type SubqueryNode = Extract<Expression, { kind: 'exists' | 'scalar-subquery' | 'in-subquery' }>;

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const WRITE_IT_ELSEWHERE = 'write the condition in WHERE, or join the subquery\'s result in FROM';

/** The first subquery written in `node` (not looking inside subqueries), if any. */
export function firstSubquery(node: Expression): SubqueryNode | undefined {
  if (node.kind === 'exists' || node.kind === 'scalar-subquery' || node.kind === 'in-subquery') return node;
  for (const child of expressionChildren(node)) {
    const found = firstSubquery(child);
    if (found) return found;
  }
  return undefined;
}

export function planJoinWithSubqueries(join: Join, condition: Expression, context: PlanningContext, planQuery: QueryPlanner): PlannedRelation {
  const { withSubqueries, rest } = splitConjuncts(condition);
  const first = firstSubquery(withSubqueries[0]!)!;
  if (join.right.kind === 'temporal-table') {
    throw new NotImplementedError('A subquery in the ON condition of a temporal join is not supported yet', { position: first.position });
  }
  if (join.joinType !== 'INNER' && join.joinType !== 'LEFT') {
    throw new NotImplementedError(
      `A subquery in the ON condition of a ${join.joinType} JOIN is not supported yet: only INNER and LEFT joins take them, as Flink 1.20 plans them right; ${WRITE_IT_ELSEWHERE}`,
      { position: first.position },
    );
  }
  for (const conjunct of withSubqueries) checkForm(conjunct);
  const left = planFrom(join.left, context, planQuery);
  const right = planFrom(join.right, context, planQuery);
  for (const conjunct of withSubqueries) checkLeftColumnsOnly(conjunct, left.scope, right.scope);
  const onLeft = <T>(plan: () => T): T => {
    try {
      return plan();
    } catch (error) {
      throw rightCorrelation(error, withSubqueries, right.scope) ?? error;
    }
  };

  if (join.joinType === 'INNER') {
    const filtered = onLeft(() => filterLeft(left, withSubqueries, context, planQuery));
    return planJoinOn(join, filtered, right, and(rest), context.catalog);
  }
  const scalars = onLeft(() => planScalarSubqueries(withSubqueries, left, context, planQuery));
  const joined = planJoinOn(join, scalars.input, right, condition, context.catalog, scalars.substitute);
  return withoutColumns(joined, left.plan.schema.fields.length, scalars.input.plan.schema.fields.length);
}

/** The ON condition's AND-ed conjuncts: those with a subquery, and the rest. */
function splitConjuncts(condition: Expression): { withSubqueries: Expression[]; rest: Expression[] } {
  const withSubqueries: Expression[] = [];
  const rest: Expression[] = [];
  const visit = (node: Expression): void => {
    if (node.kind === 'binary' && node.op === 'AND') {
      visit(node.left);
      visit(node.right);
    } else if (firstSubquery(node)) withSubqueries.push(node);
    else rest.push(node);
  };
  visit(condition);
  return { withSubqueries, rest };
}

function and(parts: readonly Expression[]): Expression | null {
  if (parts.length === 0) return null;
  return parts.reduce((all, part): Expression => ({ kind: 'binary', op: 'AND', left: all, right: part, position: all.position }));
}

/** `EXISTS (…)`, or a comparison whose operands are scalar subqueries or have none. */
function checkForm(conjunct: Expression): void {
  if (conjunct.kind === 'exists') return;
  if (conjunct.kind === 'binary' && COMPARISONS.has(conjunct.op)) {
    const operands = [conjunct.left, conjunct.right];
    if (operands.every((operand) => operand.kind === 'scalar-subquery' || !firstSubquery(operand))) return;
  }
  const subquery = firstSubquery(conjunct)!;
  const negated = conjunct.kind === 'unary' && conjunct.op === 'NOT' && conjunct.operand.kind === 'exists';
  if (subquery.kind === 'in-subquery') {
    throw new NotImplementedError(`${subquery.negated ? 'NOT IN' : 'IN'} (SELECT …) in a JOIN's ON condition is not supported yet (Flink 1.20 fails on it too); ${WRITE_IT_ELSEWHERE}`, { position: subquery.position });
  }
  if (negated) {
    throw new NotImplementedError(`NOT EXISTS in a JOIN's ON condition is not supported yet (Flink 1.20 answers it wrongly); ${WRITE_IT_ELSEWHERE}`, { position: conjunct.position });
  }
  throw new NotImplementedError(
    `This subquery in a JOIN's ON condition is not supported yet: it may be an AND-ed EXISTS (…) or an operand of an AND-ed comparison (=, <>, <, <=, >, >=), as Flink 1.20 plans them right; ${WRITE_IT_ELSEWHERE}`,
    { position: subquery.position },
  );
}

/** The conjunct's own columns (outside its subqueries) must be the left input's. */
function checkLeftColumnsOnly(conjunct: Expression, leftScope: Scope, rightScope: Scope): void {
  const visit = (node: Expression): void => {
    if (node.kind === 'column' && !resolves(node, leftScope) && resolves(node, rightScope)) {
      throw new NotImplementedError(
        `A subquery in a JOIN's ON condition may be compared only with columns of the join's left input, not '${columnText(node)}' of its right input (Flink 1.20 fails on that or answers it wrongly); ${WRITE_IT_ELSEWHERE}`,
        { position: node.position },
      );
    }
    for (const child of expressionChildren(node)) visit(child);
  };
  visit(conjunct);
}

/** The NotImplementedError for a subquery column that failed to resolve but is a right input column. */
function rightCorrelation(error: unknown, conjuncts: readonly Expression[], rightScope: Scope): NotImplementedError | undefined {
  if (!(error instanceof PlanError) || error.position === undefined) return undefined;
  const at: SourcePosition = error.position;
  for (const conjunct of conjuncts) {
    for (const query of subqueriesOf(conjunct)) {
      for (const node of expressionsIn(query)) {
        if (node.kind !== 'column' || !samePosition(node, at) || !resolves(node, rightScope)) continue;
        return new NotImplementedError(
          `A subquery in a JOIN's ON condition may refer only to the join's left input, not to '${columnText(node)}' of its right input (Flink 1.20 fails on that); ${WRITE_IT_ELSEWHERE}`,
          { position: at },
        );
      }
    }
  }
  return undefined;
}

function subqueriesOf(node: Expression): Query[] {
  if (node.kind === 'exists' || node.kind === 'scalar-subquery' || node.kind === 'in-subquery') return [node.query];
  return expressionChildren(node).flatMap(subqueriesOf);
}

/** INNER: the left input, filtered by the subquery conjuncts as WHERE would be, with the left input's columns only. */
function filterLeft(left: PlannedRelation, conjuncts: readonly Expression[], context: PlanningContext, planQuery: QueryPlanner): PlannedRelation {
  let current = left;
  for (const conjunct of conjuncts) {
    if (conjunct.kind === 'exists') current = planSubqueryJoin(current, { anti: false, node: conjunct }, context, planQuery);
  }
  const comparisons = conjuncts.filter((c) => c.kind !== 'exists');
  if (comparisons.length === 0) return current;
  const scalars = planScalarSubqueries(comparisons, current, context, planQuery);
  const predicate = bindExpression(and(comparisons)!, scalars.input.scope, { clause: 'the ON condition', substitute: scalars.substitute });
  if (predicate.type.kind !== 'BOOLEAN' && predicate.type.kind !== 'NULL') {
    throw new PlanError(`The ON condition must be a condition (BOOLEAN), but is ${formatType(predicate.type)}`, { position: comparisons[0]!.position });
  }
  const filtered = { kind: 'filter' as const, input: scalars.input.plan, predicate, schema: scalars.input.plan.schema };
  const width = current.plan.schema.fields.length;
  return withoutColumns({ plan: filtered, scope: scalars.input.scope }, width, scalars.input.plan.schema.fields.length);
}

/** `relation` without its columns [from, to) (the joined subquery values), every other column kept in place. */
function withoutColumns(relation: PlannedRelation, from: number, to: number): PlannedRelation {
  if (from === to) return relation;
  const fields = relation.plan.schema.fields;
  const kept = fields.map((_, i) => i).filter((i) => i < from || i >= to);
  const plan: ProjectNode = {
    kind: 'project',
    input: relation.plan,
    exprs: kept.map((i) => columnExpr(i, fields[i]!.type)),
    schema: { fields: kept.map((i) => fields[i]!) },
  };
  const shift = to - from;
  const columns = relation.scope.columns
    .filter((c) => c.index < from || c.index >= to)
    .map((c) => (c.index >= to ? { ...c, index: c.index - shift } : c));
  return { plan, scope: { columns } };
}

function resolves(node: ColumnRef, scope: Scope): boolean {
  try {
    resolveColumn(node, scope);
    return true;
  } catch {
    return false;
  }
}

function samePosition(node: ColumnRef, at: SourcePosition): boolean {
  return node.path.some((part) => part.position.line === at.line && part.position.column === at.column)
    || (node.position.line === at.line && node.position.column === at.column);
}

function columnText(node: ColumnRef): string {
  return node.path.map((part) => part.name).join('.');
}
