/**
 * FROM items: tables, views, subqueries, window TVFs, (window) joins and correlates (LATERAL TABLE, UNNEST), each
 * planned with the scope it exposes.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { columnExpr } from '../../dataflow/expr.js';
import type { FromItem, Identifier, Query, SubqueryRef, TableRef } from '../../parser/ast.js';
import type { CatalogTable, SourceChangelogMode } from '../catalog.js';
import type { LogicalPlan, ScanNode } from '../logical/plan.js';
import { scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';
import { findCte, planCteRef, withoutCtes } from './cte.js';
import { isCorrelatedItem, planCorrelate } from './correlate.js';
import { planJoin } from './join.js';
import { planMatchRecognize } from './match-recognize.js';
import { firstSubquery, planJoinWithSubqueries } from './join-subqueries.js';
import { planValues } from './values.js';
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
      if (isCorrelatedItem(item.right)) return planCorrelate(item, item.right, planFrom(item.left, context, planQuery));
      if (item.condition && firstSubquery(item.condition)) return planJoinWithSubqueries(item, item.condition, context, planQuery);
      return planJoin(item, (side) => planFrom(side, context, planQuery), context.catalog);
    case 'temporal-table':
      throw new NotImplementedError('FOR SYSTEM_TIME AS OF is supported only on the right side of a JOIN (a temporal join)', { position: item.position });
    case 'lateral-table':
    case 'unnest':
      throw new NotImplementedError(
        `${item.kind === 'unnest' ? 'UNNEST' : 'LATERAL TABLE'} is supported only on the right side of a join: FROM t CROSS JOIN …, FROM t, … or FROM t LEFT JOIN … ON TRUE`,
        { position: item.position },
      );
    case 'values':
      return planValues(item, null);
    case 'match-recognize':
      return planMatchRecognize(item, planFrom(item.input, context, planQuery), context);
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
  const plan = ref.columnAliases ? renamed(inner.plan, ref.columnAliases) : inner.plan;
  return { plan, scope: scopeForPlan(plan, ref.alias?.name ?? null) };
}

/** `(…) AS t (a, b)`: the subquery's columns under new names (a projection of each column). */
function renamed(plan: LogicalPlan, names: readonly Identifier[]): LogicalPlan {
  const fields = plan.schema.fields;
  if (names.length !== fields.length) {
    throw new PlanError(`The subquery has ${fields.length} column${fields.length === 1 ? '' : 's'} but ${names.length} name${names.length === 1 ? ' is' : 's are'} given for them`, {
      position: names[0]!.position,
    });
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name.name.toLowerCase())) throw new PlanError(`Duplicate column name '${name.name}'`, { position: name.position });
    seen.add(name.name.toLowerCase());
  }
  return {
    kind: 'project',
    input: plan,
    exprs: fields.map((f, i) => columnExpr(i, f.type)),
    schema: { fields: fields.map((f, i) => ({ ...f, name: names[i]!.name })) },
  };
}

export function scanNode(table: CatalogTable, changelog: SourceChangelogMode = 'append'): ScanNode {
  const schema = { fields: table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable })) };
  if (changelog === 'append') return { kind: 'scan', table, schema };
  if (table.primaryKey.length === 0) {
    throw new PlanError(`Table '${table.name}' is read as upserts by key and needs a PRIMARY KEY (…) NOT ENFORCED`, { position: table.position });
  }
  return { kind: 'scan', table, schema, upsertKey: table.primaryKey.map((name) => table.columns.findIndex((c) => c.name === name)) };
}
