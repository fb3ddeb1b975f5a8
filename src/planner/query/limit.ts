/**
 * `… [ORDER BY keys] LIMIT n [OFFSET m]` over an unbounded input, as Flink plans it: a Top-N without partition keys (Flink's
 * StreamExecLimit and StreamExecSortLimit are ranks too).
 *
 * - `LIMIT n` alone keeps the first n rows in arrival order: ties of the empty sort key stay in arrival order, so a
 *   later row never displaces one already emitted, and over an append-only input the result is append-only (+I) —
 *   Flink's AppendOnlyFirstNFunction. `OFFSET m` skips the m rows before them (ranks m + 1 … m + n).
 * - `ORDER BY keys LIMIT n` keeps the n smallest rows by the keys (NULLs first ascending, last descending, as Flink):
 *   an updating result (+I/-D as rows enter and leave the top n).
 *
 * ORDER BY names the query's output columns (by name, or expressions over them); without LIMIT it is refused, as an
 * unbounded stream cannot be sorted except by an ascending time attribute (not supported yet).
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import type { Expr } from '../../dataflow/expr.js';
import type { SortKey } from '../../dataflow/graph.js';
import type { Query } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import type { LogicalPlan, RankNode } from '../logical/plan.js';
import { AppendedColumns, leadingColumns } from './appended-columns.js';
import { materialiseTimeAttributes, scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';

type PlanQuery = (query: Query, context: PlanningContext) => PlannedRelation;

export function planLimit(query: Query, context: PlanningContext, planQuery: PlanQuery): PlannedRelation {
  const limit = query.limit!;
  const skip = query.offset ?? 0;
  const { offset: _offset, ...unlimited } = query;
  const inner = planQuery({ ...unlimited, orderBy: [], limit: null }, context);
  const width = inner.plan.schema.fields.length;
  const keys = new AppendedColumns(inner.plan, '$sort');
  const orderBy: SortKey[] = query.orderBy.map((item) => {
    let bound: Expr;
    try {
      bound = bindExpression(item.expr, inner.scope, { clause: 'ORDER BY' });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      throw new NotImplementedError(`${error.detail}; ORDER BY with LIMIT reads the query's output columns only (ordering by other columns is not supported yet)`, {
        position: item.position,
        hint: 'select the column too, or order by an expression over the selected columns',
      });
    }
    return { index: keys.indexOf(bound), descending: item.descending, nullsFirst: !item.descending };
  });
  const input = keys.plan();
  const rank: RankNode = {
    kind: 'rank',
    input,
    partitionKeys: [],
    orderBy,
    rankFunction: 'ROW_NUMBER',
    rankStart: skip + 1,
    rankEnd: skip + limit,
    outputRank: false,
    schema: materialiseTimeAttributes(input.schema),
  };
  const plan: LogicalPlan = keys.any ? leadingColumns(rank, width) : rank;
  return { plan, scope: scopeForPlan(plan, null) };
}
