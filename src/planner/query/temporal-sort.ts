/**
 * `… ORDER BY <time attribute> [ASC][, more keys]` without LIMIT: a temporal sort, as Flink plans it
 * (StreamExecTemporalSort). An unbounded stream can only be sorted as far as the watermark says no earlier row will
 * come, so the first key must be a time attribute, ascending; the other keys order the rows of one time. (On
 * processing time, rows come in time order: the rows arriving together are ordered by the other keys.) The input must be append-only,
 * and the output is too; the time attribute stays one (rows leave in time order), so a window can follow.
 */
import { PlanError } from '../../common/errors.js';
import { formatType, isProctime, isRowtime } from '../../common/types.js';
import type { Query } from '../../parser/ast.js';
import { isUpdating, updatingOperator, type LogicalPlan, type TemporalSortNode } from '../logical/plan.js';
import { leadingColumns } from './appended-columns.js';
import { scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';
import { planOrderedQuery } from './order-by.js';
import { originTable } from './window-tvf.js';

type PlanQuery = (query: Query, context: PlanningContext) => PlannedRelation;

export function planTemporalSort(query: Query, context: PlanningContext, planQuery: PlanQuery): PlannedRelation {
  const { plan: input, width, orderBy } = planOrderedQuery(query, context, planQuery);
  const [first, ...rest] = orderBy;
  const firstItem = query.orderBy[0]!;
  const time = input.schema.fields[first!.index]!;
  const unsorted = 'ORDER BY without LIMIT over an unbounded stream must sort by an ascending time attribute first (as in Flink)';
  if (isUpdating(input)) {
    throw new PlanError(`ORDER BY without LIMIT sorts an append-only input by time, but ${updatingOperator(input)} makes this one updating`, {
      position: firstItem.position,
      hint: 'add LIMIT n for the top n rows (an updating result)',
    });
  }
  const processing = isProctime(time.type);
  if (!processing && !isRowtime(time.type)) {
    throw new PlanError(`${unsorted}, but the first key is ${formatType(time.type)}`, {
      position: firstItem.position,
      hint: 'order by a column with a WATERMARK first, or add LIMIT n for the top n rows (an updating result)',
    });
  }
  if (first!.descending) {
    throw new PlanError(`${unsorted}; DESC cannot be emitted before the stream ends`, { position: firstItem.position, hint: 'use ASC, or add LIMIT n' });
  }
  const sort: TemporalSortNode = {
    kind: 'temporal-sort',
    input,
    timeIndex: first!.index,
    ...(processing ? { timeMode: 'processing' as const } : {}),
    orderBy: rest,
    lateTable: originTable(input),
    schema: input.schema,
  };
  const plan: LogicalPlan = input.schema.fields.length > width ? leadingColumns(sort, width) : sort;
  return { plan, scope: scopeForPlan(plan, null) };
}
