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
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { SortKey } from '../../dataflow/graph.js';
import type { Field } from '../../dataflow/schema.js';
import type { Query } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import type { LogicalPlan, RankNode } from '../logical/plan.js';
import { materialiseTimeAttributes, scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';

type PlanQuery = (query: Query, context: PlanningContext) => PlannedRelation;

export function planLimit(query: Query, context: PlanningContext, planQuery: PlanQuery): PlannedRelation {
  const limit = query.limit!;
  const skip = query.offset ?? 0;
  const { offset: _offset, ...unlimited } = query;
  const inner = planQuery({ ...unlimited, orderBy: [], limit: null }, context);
  const rows = inner.plan;
  const width = rows.schema.fields.length;
  const extra: Expr[] = [];
  const orderBy: SortKey[] = query.orderBy.map((item) => {
    let bound: Expr;
    try {
      bound = bindExpression(item.expr, inner.scope, { clause: 'ORDER BY' });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      throw new NotImplementedError(`${error.message.replace(/ at \d+:\d+$/, '')}; ORDER BY with LIMIT reads the query's output columns only (ordering by other columns is not supported yet)`, {
        position: item.position,
        hint: 'select the column too, or order by an expression over the selected columns',
      });
    }
    let index: number;
    if (bound.kind === 'column') {
      index = bound.index;
    } else {
      extra.push(bound);
      index = width + extra.length - 1;
    }
    return { index, descending: item.descending, nullsFirst: !item.descending };
  });
  const input: LogicalPlan = extra.length === 0 ? rows : {
    kind: 'project',
    input: rows,
    exprs: [...rows.schema.fields.map((f, i) => columnExpr(i, f.type)), ...extra],
    schema: { fields: [...rows.schema.fields, ...extra.map((e, i): Field => ({ name: `$sort${i}`, type: e.type, nullable: true }))] },
  };
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
  const plan: LogicalPlan = extra.length === 0 ? rank : {
    kind: 'project',
    input: rank,
    exprs: rank.schema.fields.slice(0, width).map((f, i) => columnExpr(i, f.type)),
    schema: { fields: rank.schema.fields.slice(0, width) },
  };
  return { plan, scope: scopeForPlan(plan, null) };
}
