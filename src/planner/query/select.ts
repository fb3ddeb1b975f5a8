/** SELECT … FROM … WHERE … GROUP BY … HAVING … → a logical plan. */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { formatType } from '../../common/types.js';
import type { Expr } from '../../dataflow/expr.js';
import { columnExpr } from '../../dataflow/expr.js';
import type { Expression, FromItem, Query } from '../../parser/ast.js';
import { bindExpression, type BindOptions } from '../binder/expressions.js';
import type { Scope } from '../binder/scope.js';
import type { LogicalPlan, ProjectNode } from '../logical/plan.js';
import { columnNameOf } from './ast-utils.js';
import { hasAggregation, planAggregation } from './aggregate.js';
import { scopeForPlan, uniqueNames, type PlannedRelation, type PlanningContext } from './context.js';
import { withCtes } from './cte.js';
import { planDistinct } from './distinct.js';
import { planFrom } from './from.js';
import { rewriteLegacyGroupWindow } from './legacy-group-window.js';
import { planOverAggregation } from './over-aggregate.js';
import { planLimit } from './limit.js';
import { planTemporalSort } from './temporal-sort.js';
import { planUnion } from './union.js';
import { planSubqueryJoin, splitSubqueryConjuncts } from './subquery-join.js';
import { planScalarSubqueries } from './scalar-subquery.js';
import { withInValues } from './in-value.js';
import { readsOuterQuery } from './correlated-scalar-subquery.js';
import { planWindowRank } from './window-rank.js';

export function planQuery(query: Query, context: PlanningContext): PlannedRelation {
  if (query.limit !== null) return planLimit(query, context, planQuery);
  if (query.orderBy.length > 0) return planTemporalSort(query, context, planQuery);
  const scoped = query.with && query.with.length > 0 ? withCtes(query, context) : context;
  const planned = planQueryBody(query, scoped);
  // A compound query's `distinct` repeats its leftmost SELECT's, which that side applies itself.
  return query.distinct && !query.setOperation ? planDistinct(planned) : planned;
}

function planQueryBody(query: Query, context: PlanningContext): PlannedRelation {
  if (query.setOperation) {
    return planUnion(query.setOperation, context, planQuery);
  }
  const star = query.items.find((item) => item.expr.kind === 'star');
  if (!query.from && star) throw new PlanError('SELECT * needs a FROM clause', { position: star.position });
  // A SELECT without FROM reads one row (of one column no name can reach), as Calcite's `VALUES (0)`.
  const fromItem: FromItem = query.from ?? { kind: 'values', rows: [[{ kind: 'literal', type: 'number', text: '0', position: query.position }]], position: query.position };

  // Window Top-N / deduplication: FROM (SELECT …, ROW_NUMBER() OVER (…) AS rownum …) WHERE rownum <= N, WHERE included.
  const ranked = planWindowRank(query, context, planQuery);
  const planned = ranked ?? planFrom(fromItem, context, planQuery);
  const split = query.where && !ranked ? splitSubqueryConjuncts(query.where) : undefined;
  // IN (SELECT …) elsewhere than an AND-ed WHERE condition: a CASE over scalar subqueries (in-value.ts).
  const valued = withInValues(query, split?.rest ?? null, (sub) => readsOuterQuery(sub, planned.scope, context, planQuery));
  const body = valued.query;
  const where = split ? { subqueries: split.subqueries, rest: valued.where } : undefined;
  // Scalar subqueries of WHERE (and of SELECT, without aggregation) are joined to the FROM first; those of a
  // grouped query's SELECT and HAVING to the aggregate's output (planGroupedQuery).
  const grouped = hasAggregation(body);
  const scalarSites = [...(where?.rest ? [where.rest] : []), ...(grouped ? [] : body.items.map((item) => item.expr))];
  const scalars = planScalarSubqueries(scalarSites, planned, context, planQuery);
  const from = scalars.input;
  let plan: LogicalPlan = from.plan;
  if (where?.rest) {
    const predicate = bindCondition(where.rest, from.scope, { clause: 'WHERE', substitute: scalars.substitute }, 'WHERE');
    plan = { kind: 'filter', input: plan, predicate, schema: plan.schema };
  }
  let input: PlannedRelation = { plan, scope: from.scope };
  for (const subquery of where?.subqueries ?? []) input = planSubqueryJoin(input, subquery, context, planQuery);

  // OVER aggregations: one OverAggregate over the FROM and WHERE; the SELECT list reads its aggregates' columns.
  const over = planOverAggregation(body, input);
  if (over) {
    const substitute = (node: Expression): Expr | undefined => {
      // Flink evaluates it before the OVER aggregation, on the row as it arrives; Sluice's SELECT list runs after it
      if (node.kind === 'call' && node.name.name.toUpperCase() === 'CURRENT_WATERMARK') {
        throw new NotImplementedError('CURRENT_WATERMARK in a SELECT list with OVER aggregations is not supported yet', { position: node.position });
      }
      return scalars.substitute(node) ?? over.substitute(node);
    };
    const project = selectList(body, over.input, over.input.scope, { clause: 'SELECT', substitute });
    return { plan: project, scope: scopeForPlan(project, null) };
  }

  if (!grouped) {
    if (body.having) throw new PlanError('HAVING needs GROUP BY or aggregate functions', { position: body.having.position });
    const project = selectList(body, input, input.scope, { clause: 'SELECT', substitute: scalars.substitute });
    return { plan: project, scope: scopeForPlan(project, null) };
  }

  const legacy = rewriteLegacyGroupWindow(body, input);
  if (legacy) return planGroupedQuery(legacy.query, legacy.input, context);
  return planGroupedQuery(body, input, context);
}

function planGroupedQuery(query: Query, input: PlannedRelation, context: PlanningContext): PlannedRelation {
  const aggregation = planAggregation(query, input);
  const aggregated = aggregation.plan;
  const sites = [...(query.having ? [query.having] : []), ...query.items.map((item) => item.expr)];
  // Correlated subqueries see the grouped columns by their names (`o.cust` of `GROUP BY o.cust`).
  const scalars = planScalarSubqueries(sites, { plan: aggregated, scope: aggregation.groupedScope }, context, planQuery);
  // The joined subquery columns follow the aggregate's, so its bindings (aggregate calls, keys) stay valid.
  const options = (clause: string): BindOptions => {
    const own = aggregation.bindOptions(clause);
    return { ...own, substitute: (node) => scalars.substitute(node) ?? own.substitute?.(node) };
  };
  let result: LogicalPlan = scalars.input.plan;
  const aggregateScope = scopeForPlan(aggregated, null);
  if (query.having) {
    const predicate = bindCondition(query.having, aggregateScope, options('HAVING'), 'HAVING');
    result = { kind: 'filter', input: result, predicate, schema: result.schema };
  }
  const project = selectList(query, { plan: result, scope: aggregateScope }, aggregateScope, options('SELECT'));
  return { plan: project, scope: scopeForPlan(project, null) };
}

function bindCondition(node: Expression, scope: Scope, options: BindOptions, clause: string): Expr {
  const bound = bindExpression(node, scope, options);
  if (bound.type.kind !== 'BOOLEAN' && bound.type.kind !== 'NULL') {
    throw new PlanError(`${clause} must be a condition (BOOLEAN), but is ${formatType(bound.type)}`, { position: node.position });
  }
  return bound;
}

function selectList(query: Query, input: PlannedRelation, scope: Scope, options: BindOptions): ProjectNode {
  const exprs: Expr[] = [];
  const names: string[] = [];
  for (const item of query.items) {
    if (item.expr.kind === 'star') {
      const qualifier = item.expr.qualifier;
      const columns = qualifier
        ? scope.columns.filter((c) => c.qualifier?.toLowerCase() === qualifier.name.toLowerCase())
        : scope.columns.filter((c) => !c.qualifiedOnly);
      if (qualifier && columns.length === 0) throw new PlanError(`Unknown table or alias '${qualifier.name}'`, { position: qualifier.position });
      for (const column of columns) {
        exprs.push(columnExpr(column.index, column.type));
        names.push(column.name);
      }
      continue;
    }
    const bound = bindExpression(item.expr, scope, options);
    exprs.push(bound);
    names.push(item.alias?.name ?? columnNameOf(item.expr) ?? outputNameOf(bound, input) ?? `EXPR$${exprs.length - 1}`);
  }
  const unique = uniqueNames(names);
  return {
    kind: 'project',
    input: input.plan,
    exprs,
    schema: { fields: exprs.map((e, i) => ({ name: unique[i]!, type: e.type, nullable: true })) },
  };
}

/** A grouped column keeps its name (e.g. window_start substituted from GROUP BY). */
function outputNameOf(expr: Expr, input: PlannedRelation): string | undefined {
  if (expr.kind !== 'column') return undefined;
  const name = input.plan.schema.fields[expr.index]?.name;
  return name && !name.startsWith('$') && !name.startsWith('EXPR$') ? name : undefined;
}
