/** FROM items: tables, views, subqueries, window TVFs and (window) joins, each planned with the scope it exposes. */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import type { FromItem, Query, SubqueryRef, TableRef } from '../../parser/ast.js';
import type { CatalogTable, SourceChangelogMode } from '../catalog.js';
import type { ScanNode } from '../logical/plan.js';
import { scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';
import { findCte, planCteRef, withoutCtes } from './cte.js';
import { planJoin } from './join.js';
import { planWindowTvf } from './window-tvf.js';

/** Plans a whole query; set by select.ts (breaks the import cycle between FROM subqueries and SELECT). */
export type QueryPlanner = (query: Query, context: PlanningContext) => PlannedRelation;

export function planFrom(item: FromItem, context: PlanningContext, planQuery: QueryPlanner): PlannedRelation {
  switch (item.kind) {
    case 'table-ref':
      return planTableRef(item, context, planQuery);
    case 'subquery':
      return planSubquery(item, context, planQuery);
    case 'window-tvf': {
      const input = item.input.kind === 'table-ref' ? planTableRef(item.input, context, planQuery) : planSubquery(item.input, context, planQuery);
      return planWindowTvf(item, input);
    }
    case 'join':
      return planJoin(item, (side) => planFrom(side, context, planQuery), context.catalog);
    case 'temporal-table':
      throw new NotImplementedError('FOR SYSTEM_TIME AS OF is supported only on the right side of a JOIN (a temporal join)', { position: item.position });
    case 'lateral-table':
      throw new NotImplementedError('LATERAL TABLE is not supported yet', { position: item.position });
  }
}

function planTableRef(ref: TableRef, context: PlanningContext, planQuery: QueryPlanner): PlannedRelation {
  const cte = findCte(context, ref.name.name);
  if (cte) return planCteRef(cte, ref, planQuery);
  const entry = context.catalog.resolve(ref.name);
  const qualifier = ref.alias?.name ?? entry.name;
  if (entry.kind === 'table') {
    const plan = scanNode(entry, context.catalog.sourceChangelog(entry));
    return { plan, scope: scopeForPlan(plan, qualifier) };
  }
  if (context.expanding.includes(entry.name)) {
    throw new PlanError(`View '${entry.name}' refers to itself`, { position: ref.position });
  }
  // A view sees the catalog only, never the CTEs of the query that uses it.
  const view = planQuery(entry.query, { ...withoutCtes(context), expanding: [...context.expanding, entry.name] });
  return { plan: view.plan, scope: scopeForPlan(view.plan, qualifier) };
}

function planSubquery(ref: SubqueryRef, context: PlanningContext, planQuery: QueryPlanner): PlannedRelation {
  const inner = planQuery(ref.query, context);
  return { plan: inner.plan, scope: scopeForPlan(inner.plan, ref.alias?.name ?? null) };
}

export function scanNode(table: CatalogTable, changelog: SourceChangelogMode = 'append'): ScanNode {
  const schema = { fields: table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })) };
  if (changelog === 'append') return { kind: 'scan', table, schema };
  if (table.primaryKey.length === 0) {
    throw new PlanError(`Table '${table.name}' is read as upserts by key and needs a PRIMARY KEY (…) NOT ENFORCED`, { position: table.position });
  }
  return { kind: 'scan', table, schema, upsertKey: table.primaryKey.map((name) => table.columns.findIndex((c) => c.name === name)) };
}
