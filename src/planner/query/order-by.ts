/**
 * The ORDER BY of a query, resolved for an operator that sorts its output (LIMIT's rank, the temporal sort): each key
 * becomes a column of the planned query.
 *
 * A key is first read over the query's output columns (by name or alias, or an expression over them). A key that
 * does not bind there (a column the query does not select, `ORDER BY t.price` over `SELECT price`, an aggregate not
 * selected) is added to the SELECT list as a hidden item, planned with the query (so it sees its FROM, GROUP BY and
 * aggregates), and dropped again after the sort — as Calcite does. SELECT DISTINCT and set operations cannot take
 * hidden items (they would change which rows are distinct), so there a key must read the output (as in Flink).
 */
import { PlanError } from '../../common/errors.js';
import type { Expr } from '../../dataflow/expr.js';
import type { SortKey } from '../../dataflow/graph.js';
import type { OrderItem, Query, SelectItem } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import type { LogicalPlan } from '../logical/plan.js';
import { AppendedColumns } from './appended-columns.js';
import type { PlannedRelation, PlanningContext } from './context.js';

type PlanQuery = (query: Query, context: PlanningContext) => PlannedRelation;

export interface OrderedQuery {
  /** The query planned without ORDER BY and LIMIT, followed by its hidden items and computed keys when there are any. */
  readonly plan: LogicalPlan;
  /** The query's own output columns: the first `width` columns of `plan`. */
  readonly width: number;
  readonly orderBy: readonly SortKey[];
}

/** Plans `query` without its ORDER BY, LIMIT and OFFSET, with a column for each ORDER BY key. */
export function planOrderedQuery(query: Query, context: PlanningContext, planQuery: PlanQuery): OrderedQuery {
  const { offset: _offset, ...rest } = query;
  const unordered: Query = { ...rest, orderBy: [], limit: null };
  const planned = planQuery(unordered, context);
  const width = planned.plan.schema.fields.length;
  const unbound = query.orderBy.filter((item) => tryBind(item, planned) === undefined);
  if (unbound.length === 0) return sortKeys(query.orderBy, planned, width, new Map());
  if (query.distinct || query.setOperation) {
    const item = unbound[0]!;
    bindOrThrow(item, planned, query.distinct
      ? 'with SELECT DISTINCT, ORDER BY reads the selected columns only'
      : 'ORDER BY after UNION, INTERSECT or EXCEPT reads the result columns only');
  }
  const taken = new Set(planned.plan.schema.fields.map((f) => f.name.toLowerCase()));
  const hidden: SelectItem[] = unbound.map((item, i) => ({
    kind: 'select-item',
    expr: item.expr,
    alias: { kind: 'identifier', name: hiddenName(item, i, taken), quoted: true, position: item.position },
    position: item.position,
  }));
  const widened = planQuery({ ...unordered, items: [...unordered.items, ...hidden] }, context);
  return sortKeys(query.orderBy, widened, width, new Map(unbound.map((item, i) => [item, width + i])));
}

/** A hidden key's column: named as the column it reads (EXPLAIN reads better) unless the output has that name. */
function hiddenName(item: OrderItem, i: number, taken: Set<string>): string {
  const column = item.expr.kind === 'column' ? item.expr.path[item.expr.path.length - 1]!.name : undefined;
  const name = column !== undefined && !taken.has(column.toLowerCase()) ? column : `$order${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function sortKeys(items: readonly OrderItem[], planned: PlannedRelation, width: number, hiddenColumns: ReadonlyMap<OrderItem, number>): OrderedQuery {
  const keys = new AppendedColumns(planned.plan, '$sort');
  const orderBy = items.map((item): SortKey => {
    const hidden = hiddenColumns.get(item);
    const index = hidden ?? keys.indexOf(tryBind(item, planned)!);
    return sortKey(index, item);
  });
  return { plan: keys.plan(), width, orderBy };
}

/** The sort key reading column `index` as `item` says: its direction, and where NULLs go (written, or Flink's default). */
export function sortKey(index: number, item: OrderItem): SortKey {
  return { index, descending: item.descending, nullsFirst: item.nullsFirst ?? !item.descending };
}

function tryBind(item: OrderItem, planned: PlannedRelation): Expr | undefined {
  try {
    return bindExpression(item.expr, planned.scope, { clause: 'ORDER BY' });
  } catch (error) {
    if (error instanceof PlanError) return undefined;
    throw error;
  }
}

function bindOrThrow(item: OrderItem, planned: PlannedRelation, why: string): never {
  try {
    bindExpression(item.expr, planned.scope, { clause: 'ORDER BY' });
  } catch (error) {
    if (error instanceof PlanError) throw new PlanError(`${error.detail}: ${why}`, { position: item.position, hint: 'select the column too' });
    throw error;
  }
  throw new PlanError(why, { position: item.position });
}
