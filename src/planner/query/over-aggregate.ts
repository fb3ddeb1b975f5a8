/**
 * OVER aggregations (Flink's "Over Aggregation" page):
 *
 *   SELECT …, agg(x) OVER (PARTITION BY k ORDER BY rowtime [ROWS | RANGE BETWEEN … PRECEDING AND CURRENT ROW]) …
 *   FROM t [WHERE …] [WINDOW w AS (…)]
 *
 * Every OVER call of the SELECT list must use the same window (as in Flink's streaming mode); they become one
 * OverAggregate over the FROM and WHERE: Project? (computed partition keys and arguments appended) ← OverAggregate
 * (input columns…, one column per distinct call). The SELECT list is then bound over that relation with each OVER
 * call replaced by its column; the input's columns keep their indexes, so the FROM's scope still names them.
 *
 * ORDER BY must be one ascending event-time attribute; the frame ends at the current row; without a frame it is
 * RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW. The input must be append-only.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { formatType, isProctime, isRowtime } from '../../common/types.js';
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { AggregateCall, OverFrame } from '../../dataflow/graph.js';
import type { Field } from '../../dataflow/schema.js';
import { expressionChildren } from '../../parser/ast-walk.js';
import type { Expression, FrameBound, OverExpr, Query, WindowSpec } from '../../parser/ast.js';
import { isAggregateFunctionName } from '../../runtime/aggregates/names.js';
import { lookupUserAggregate } from '../binder/user-aggregates.js';
import { requireRetractInFrame } from './user-aggregate-call.js';
import { canRetract, isNeverNull, isOverOnly } from '../../runtime/aggregates/index.js';
import { bindExpression } from '../binder/expressions.js';
import { isUpdating, updatingOperator, type OverAggregateNode } from '../logical/plan.js';
import { planAggregateCall } from './aggregate-call.js';
import { hasAggregation } from './aggregate.js';
import { canonicalText } from './ast-utils.js';
import type { PlannedRelation } from './context.js';
import { originTable } from './window-tvf.js';
import { AppendedColumns } from './appended-columns.js';

export interface PlannedOverAggregation {
  /** The OverAggregate (input columns first, at their indexes), with the FROM's scope. */
  readonly input: PlannedRelation;
  /** Replaces each OVER call of the SELECT list by its aggregate's column. */
  readonly substitute: (node: Expression) => Expr | undefined;
}

/** OVER calls in the SELECT list (not looking inside them), in order of appearance. */
export function overCallsOf(query: Query): OverExpr[] {
  const found: OverExpr[] = [];
  const visit = (node: Expression): void => {
    if (node.kind === 'over') found.push(node);
    else for (const child of expressionChildren(node)) visit(child);
  };
  for (const item of query.items) if (item.expr.kind !== 'star') visit(item.expr);
  return found;
}

/** Plans the SELECT list's OVER aggregations over `input` (FROM and WHERE); undefined when it has none. */
export function planOverAggregation(query: Query, input: PlannedRelation): PlannedOverAggregation | undefined {
  const overs = overCallsOf(query);
  if (overs.length === 0) return undefined;
  const first = overs[0]!;
  for (const over of overs) {
    const name = over.call.name.name.toUpperCase();
    if (name === 'LEAD') {
      throw new NotImplementedError(
        "LEAD() OVER (…) is not supported in stream mode (nor is it in Flink): a row's result would wait for the rows after it",
        { position: over.position, hint: 'LAG() OVER (…) gives the value of an earlier row' },
      );
    }
    if (!isAggregateFunctionName(name) && !lookupUserAggregate(name)) {
      throw new NotImplementedError(
        `${name}() OVER (…) is not supported here; ranking functions are supported in Top-N and deduplication queries (a subquery whose rank the enclosing WHERE bounds)`,
        { position: over.position },
      );
    }
  }
  if (hasAggregation(query) || query.having) {
    throw new NotImplementedError('OVER aggregations in a query with GROUP BY or other aggregate functions are not supported yet', { position: first.position });
  }
  if (isUpdating(input.plan)) {
    throw new NotImplementedError(
      `OVER aggregations over an updating input (${updatingOperator(input.plan)}) are not supported (nor are they in Flink)`,
      { position: first.position, hint: 'aggregate an append-only input, e.g. a table or a window aggregation' },
    );
  }
  const spec = windowSpecOf(first, query);
  const specText = canonicalText(spec as unknown as Expression);
  for (const over of overs.slice(1)) {
    if (canonicalText(windowSpecOf(over, query) as unknown as Expression) !== specText) {
      throw new NotImplementedError('All OVER aggregations of a query must use the same window (as in Flink); this one differs from the first', { position: over.position });
    }
  }

  const rows = input.plan;
  const appended = new AppendedColumns(rows, '$over');
  const columnOf = (bound: Expr): number => appended.indexOf(bound);
  const partitionKeys = spec.partitionBy.map((node) => columnOf(bindExpression(node, input.scope, { clause: 'PARTITION BY' })));
  const { index: timeIndex, processing } = orderColumn(spec, input);
  const frame = frameOf(spec);

  const calls: OverExpr[] = [];
  const callTexts: string[] = [];
  for (const over of overs) {
    const text = canonicalText(over.call);
    if (!callTexts.includes(text)) {
      calls.push(over);
      callTexts.push(text);
    }
  }
  const aggregates: AggregateCall[] = calls.map((over) => {
    const planned = planAggregateCall(over.call, input, { over: true });
    if (frame.preceding !== null) requireRetractInFrame(planned.call);
    if (frame.preceding !== null && isOverOnly(planned.call.fn)) {
      throw new NotImplementedError(`${planned.call.fn}() OVER (…) needs a frame that starts UNBOUNDED PRECEDING (or no frame): it cannot take rows leaving a bounded frame out, nor can Flink's`, {
        position: over.position,
        hint: 'use ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (each row looks back on its own), or no frame (rows of equal time share one result, as in Flink)',
      });
    }
    if (frame.preceding !== null && !canRetract(planned.call.fn)) {
      throw new NotImplementedError(`${planned.call.fn} is not supported in a bounded OVER frame: rows leaving the frame cannot be taken out of it`, { position: over.position });
    }
    return { ...planned.call, argIndex: planned.argument === undefined ? null : columnOf(planned.argument) };
  });

  const extended = appended.plan();
  const offset = extended.schema.fields.length;
  const node: OverAggregateNode = {
    kind: 'over-aggregate',
    input: extended,
    partitionKeys,
    timeIndex,
    ...(processing ? { timeMode: 'processing' as const } : {}),
    frame,
    aggregates,
    lateTable: originTable(rows),
    schema: {
      fields: [
        ...extended.schema.fields,
        ...aggregates.map((a, j): Field => ({ name: `$agg${j}`, type: a.type, nullable: !isNeverNull(a.fn) })),
      ],
    },
  };
  const substitute = (expr: Expression): Expr | undefined => {
    if (expr.kind !== 'over') return undefined;
    const index = callTexts.indexOf(canonicalText(expr.call));
    return index < 0 ? undefined : columnExpr(offset + index, aggregates[index]!.type);
  };
  return { input: { plan: node, scope: input.scope }, substitute };
}

/** The window of an OVER call, resolving `OVER w` through the query's WINDOW clause (position-free for comparison). */
function windowSpecOf(over: OverExpr, query: Query): WindowSpec {
  const spec = over.window;
  if (!spec.name) return spec;
  const name = spec.name;
  const named = query.windows?.find((w) => w.name.name.toLowerCase() === name.name.toLowerCase());
  if (!named) throw new PlanError(`Unknown window '${name.name}'`, { position: name.position });
  return named.spec;
}

/** The ORDER BY column: one ascending time attribute of the input (event time, or processing time). */
function orderColumn(spec: WindowSpec, input: PlannedRelation): { index: number; processing: boolean } {
  const mustBeTime = "OVER windows' ordering in stream mode must be defined on a time attribute";
  if (spec.orderBy.length === 0) throw new PlanError(`${mustBeTime}: add ORDER BY <rowtime column>`, { position: spec.position });
  if (spec.orderBy.length > 1) {
    throw new NotImplementedError('An OVER window in stream mode orders by a single time attribute; more ORDER BY keys are not supported', { position: spec.orderBy[1]!.position });
  }
  const item = spec.orderBy[0]!;
  const bound = bindExpression(item.expr, input.scope, { clause: 'the ORDER BY of OVER' });
  const processing = bound.kind === 'column' && isProctime(bound.type);
  if (bound.kind !== 'column' || (!isRowtime(bound.type) && !processing)) {
    throw new PlanError(`${mustBeTime}, but the ORDER BY is ${formatType(bound.type)}`, { position: item.position, hint: 'order by a column that has a WATERMARK' });
  }
  if (item.descending) throw new PlanError('OVER windows in stream mode must order by their time attribute ascending', { position: item.position });
  return { index: bound.index, processing };
}

/** The frame: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW when not written. */
function frameOf(spec: WindowSpec): OverFrame {
  const frame = spec.frame;
  if (!frame) return { units: 'RANGE', preceding: null };
  if (frame.end.kind !== 'current-row') {
    throw new NotImplementedError(`OVER frames must end at CURRENT ROW; ${boundText(frame.end)} is not supported (nor is it in Flink's streaming mode)`, { position: frame.end.position });
  }
  const start = frame.start;
  switch (start.kind) {
    case 'unbounded-preceding':
      return { units: frame.units, preceding: null };
    case 'current-row':
      return { units: frame.units, preceding: 0 };
    case 'preceding':
      return { units: frame.units, preceding: frame.units === 'ROWS' ? rowCount(start) : rangeInterval(start) };
    default:
      throw new NotImplementedError(`An OVER frame cannot start at ${boundText(start)}`, { position: start.position });
  }
}

function rowCount(bound: FrameBound): number {
  const value = bindExpression(bound.offset!, { columns: [] }, { clause: 'a ROWS frame bound' });
  const count = value.kind === 'literal' && (typeof value.value === 'number' || typeof value.value === 'bigint') ? Number(value.value) : NaN;
  if ((value.type.kind !== 'INT' && value.type.kind !== 'BIGINT') || !Number.isSafeInteger(count) || count < 0) {
    throw new PlanError('The bound of a ROWS frame must be a non-negative integer literal, e.g. ROWS BETWEEN 10 PRECEDING AND CURRENT ROW', { position: bound.position });
  }
  return count;
}

function rangeInterval(bound: FrameBound): number {
  const value = bindExpression(bound.offset!, { columns: [] }, { clause: 'a RANGE frame bound' });
  if (value.kind !== 'literal' || value.type.kind !== 'INTERVAL' || typeof value.value !== 'number' || value.value < 0) {
    throw new PlanError(
      "The bound of a RANGE frame over a time attribute must be a non-negative interval literal, e.g. RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW",
      { position: bound.position },
    );
  }
  return value.value;
}

function boundText(bound: FrameBound): string {
  switch (bound.kind) {
    case 'unbounded-preceding': return 'UNBOUNDED PRECEDING';
    case 'unbounded-following': return 'UNBOUNDED FOLLOWING';
    case 'current-row': return 'CURRENT ROW';
    case 'preceding': return '… PRECEDING';
    case 'following': return '… FOLLOWING';
  }
}
