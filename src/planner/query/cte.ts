/**
 * WITH (common table expressions) as inline views, with Calcite's (and so Flink's) scope rules: a CTE is visible in
 * the query's body and in the CTEs written after it, not in itself or earlier ones (WITH is not recursive here, so
 * `WITH t AS (SELECT … FROM t)` reads the catalog's t); a CTE shadows a catalog table or view of the same name;
 * subqueries see their enclosing queries' CTEs, views never see the CTEs of the query that uses them. Each
 * reference is planned afresh, like a view.
 *
 * The CTEs in scope ride on the PlanningContext as an extra field (`ctes`), which context spreads preserve.
 */
import { PlanError } from '../../common/errors.js';
import type { CommonTableExpression, Query, TableRef } from '../../parser/ast.js';
import { scopeForPlan, uniqueNames, type PlannedRelation, type PlanningContext } from './context.js';
import type { LogicalPlan } from '../logical/plan.js';
import { columnExpr } from '../../dataflow/expr.js';

/** A CTE in scope and the context its body is planned in (the CTEs before it). */
interface CteBinding {
  readonly cte: CommonTableExpression;
  readonly context: PlanningContext;
}

type ContextWithCtes = PlanningContext & { readonly ctes?: ReadonlyMap<string, CteBinding> };

type QueryPlanner = (query: Query, context: PlanningContext) => PlannedRelation;

/** `context` with the CTEs of `query`'s WITH clause added (each seeing the ones before it). */
export function withCtes(query: Query, context: PlanningContext): PlanningContext {
  let current: ContextWithCtes = context;
  const seen = new Set<string>();
  for (const cte of query.with ?? []) {
    const name = cte.name.name.toLowerCase();
    if (seen.has(name)) throw new PlanError(`WITH defines '${cte.name.name}' twice`, { position: cte.name.position });
    seen.add(name);
    const ctes = new Map(current.ctes ?? []);
    ctes.set(name, { cte, context: current });
    current = { ...current, ctes };
  }
  return current;
}

/** The CTE a table name refers to, if one is in scope. */
export function findCte(context: PlanningContext, name: string): CteBinding | undefined {
  return (context as ContextWithCtes).ctes?.get(name.toLowerCase());
}

/** `context` without CTEs (for planning a view's query). */
export function withoutCtes(context: PlanningContext): PlanningContext {
  const { ctes: _ctes, ...rest } = context as ContextWithCtes;
  return rest;
}

/** Plans a reference to a CTE: its query, columns renamed by `name (a, b)`, seen through the reference's alias. */
export function planCteRef(binding: CteBinding, ref: TableRef, planQuery: QueryPlanner): PlannedRelation {
  const { cte } = binding;
  const inner = planQuery(cte.query, binding.context);
  let plan: LogicalPlan = inner.plan;
  if (cte.columns.length > 0) {
    const fields = plan.schema.fields;
    if (cte.columns.length !== fields.length) {
      throw new PlanError(`WITH '${cte.name.name}' names ${cte.columns.length} column${cte.columns.length === 1 ? '' : 's'}, but its query produces ${fields.length}`, {
        position: cte.name.position,
      });
    }
    const names = uniqueNames(cte.columns.map((c) => c.name));
    if (names.some((n, i) => n !== cte.columns[i]!.name)) {
      const duplicate = cte.columns.find((c, i) => names[i] !== c.name)!;
      throw new PlanError(`WITH '${cte.name.name}' names column '${duplicate.name}' twice`, { position: duplicate.position });
    }
    plan = {
      kind: 'project',
      input: plan,
      exprs: fields.map((f, i) => columnExpr(i, f.type)),
      schema: { fields: fields.map((f, i) => ({ ...f, name: names[i]! })) },
    };
  }
  return { plan, scope: scopeForPlan(plan, ref.alias?.name ?? cte.name.name) };
}
