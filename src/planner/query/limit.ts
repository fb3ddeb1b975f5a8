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
 * ORDER BY keys are resolved by `planOrderedQuery` (output columns first, else hidden SELECT items). Without LIMIT,
 * ORDER BY is a temporal sort (see temporal-sort.ts).
 */
import type { Query } from '../../parser/ast.js';
import type { LogicalPlan, RankNode } from '../logical/plan.js';
import { leadingColumns } from './appended-columns.js';
import { materialiseTimeAttributes, scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';
import { planOrderedQuery } from './order-by.js';

type PlanQuery = (query: Query, context: PlanningContext) => PlannedRelation;

export function planLimit(query: Query, context: PlanningContext, planQuery: PlanQuery): PlannedRelation {
  const limit = query.limit!;
  const skip = query.offset ?? 0;
  const { plan: input, width, orderBy } = planOrderedQuery(query, context, planQuery);
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
  const plan: LogicalPlan = input.schema.fields.length > width ? leadingColumns(rank, width) : rank;
  return { plan, scope: scopeForPlan(plan, null) };
}
