/**
 * JOIN in FROM. The ON condition's conjuncts are sorted into window-bound equalities, key equalities (`L.a = R.b`
 * over columns of the same type) and the rest. When it equates both window_start and window_end of two windowed
 * inputs, the join is a window join (Flink's: both inputs windowed the same way, joined once per window); otherwise
 * it is an interval join or a regular join (see `regular-join.ts`). CROSS JOIN and `FROM a, b` are regular inner
 * joins without keys.
 */
import { NotImplementedError, PlanError, type SourcePosition } from '../../common/errors.js';
import { formatDuration } from '../../common/time.js';
import { formatType, sameType } from '../../common/types.js';
import type { Expr } from '../../dataflow/expr.js';
import type { WindowJoinType, WindowSpec } from '../../dataflow/graph.js';
import type { Expression, FromItem, Join, JoinType } from '../../parser/ast.js';
import { bindExpression, type BindOptions } from '../binder/expressions.js';
import type { Scope, ScopeColumn } from '../binder/scope.js';
import type { Catalog } from '../catalog.js';
import { isUpdating, type WindowJoinNode } from '../logical/plan.js';
import { uniqueNames, type PlannedRelation } from './context.js';
import { conjunction, joinOutputFields, planKeyedJoin } from './regular-join.js';
import { extractComputedKeys, planComputedKeyJoin } from './computed-join-keys.js';
import { planTemporalJoin } from './temporal-join.js';
import { planUsingJoin } from './using-join.js';
import { sameWindowing, windowBoundOf, type WindowBound } from './window-join-bounds.js';
import { originTable } from './window-tvf.js';

const JOIN_TYPES: Record<JoinType, WindowJoinType> = { INNER: 'inner', LEFT: 'left', RIGHT: 'right', FULL: 'full', CROSS: 'inner' };

/** Plans one side of a join (a FROM item); given by from.ts, which owns FROM planning. */
export type FromItemPlanner = (item: FromItem) => PlannedRelation;

/** A window bound equated in the ON condition: what it is and its column in its own side's input. */
interface EquatedBound {
  readonly bound: WindowBound;
  readonly index: number;
}

interface SortedCondition {
  readonly leftKeys: number[];
  readonly rightKeys: number[];
  readonly residual: Expr[];
  /** The window bounds equated: [left, right] per role. */
  windowStart: [EquatedBound, EquatedBound] | undefined;
  windowEnd: [EquatedBound, EquatedBound] | undefined;
}

export function planJoin(join: Join, planSide: FromItemPlanner, catalog: Catalog): PlannedRelation {
  const joinType = JOIN_TYPES[join.joinType];
  const left = planSide(join.left);
  const temporal = join.right.kind === 'temporal-table' ? join.right : undefined;
  if (temporal && join.using.length > 0) throw new PlanError('A temporal join needs an ON condition, not USING', { position: join.using[0]!.position });
  const right = planSide(temporal ? temporal.table : join.right);
  if (join.using.length > 0) {
    return planUsingJoin(join, joinType, left, right, (parts) => planJoinConditions(join, joinType, left, right, parts, catalog));
  }
  return planJoinOn(join, left, right, join.condition, catalog);
}

/**
 * The join of the planned sides `left` and `right` on `condition` (join.ts's ON condition, or what is left of it),
 * bound over the left columns and then the right ones; `substitute` gives the values of subqueries joined to the
 * left side before (join-subqueries.ts).
 */
export function planJoinOn(
  join: Join,
  left: PlannedRelation,
  right: PlannedRelation,
  condition: Expression | null,
  catalog: Catalog,
  substitute?: BindOptions['substitute'],
): PlannedRelation {
  const leftWidth = left.plan.schema.fields.length;
  const scope: Scope = {
    columns: [...left.scope.columns, ...right.scope.columns.map((c) => ({ ...c, index: c.index + leftWidth }))],
  };
  let parts: Expr[] = [];
  if (condition) {
    const bound = bindExpression(condition, scope, { clause: 'the ON condition', ...(substitute ? { substitute } : {}) });
    if (bound.type.kind !== 'BOOLEAN' && bound.type.kind !== 'NULL') {
      throw new PlanError(`The ON condition must be a condition (BOOLEAN), but is ${formatType(bound.type)}`, { position: condition.position });
    }
    parts = conjuncts(bound);
  }
  return planJoinConditions(join, JOIN_TYPES[join.joinType], left, right, parts, catalog);
}

/** The join of `left` and `right` on the conjuncts `parts` (over left columns, then right ones): which kind of join they make. */
function planJoinConditions(join: Join, joinType: WindowJoinType, left: PlannedRelation, right: PlannedRelation, parts: readonly Expr[], catalog: Catalog): PlannedRelation {
  const temporal = join.right.kind === 'temporal-table' ? join.right : undefined;
  const leftWidth = left.plan.schema.fields.length;
  const scope: Scope = {
    columns: [...left.scope.columns, ...right.scope.columns.map((c) => ({ ...c, index: c.index + leftWidth }))],
  };
  const sorted = sortConjuncts([...parts], left, right, leftWidth);
  if (temporal) {
    const windowKeys = [sorted.windowStart, sorted.windowEnd].filter((p) => p !== undefined);
    const leftKeys = [...sorted.leftKeys, ...windowKeys.map((p) => p[0].index)];
    const rightKeys = [...sorted.rightKeys, ...windowKeys.map((p) => p[1].index)];
    return planTemporalJoin({ joinType, left, right, temporal, leftKeys, rightKeys, conditions: sorted.residual, catalog, position: join.position });
  }
  if (!sorted.windowStart || !sorted.windowEnd) {
    // Not a window join: an equated window bound is an ordinary key.
    for (const pair of [sorted.windowStart, sorted.windowEnd]) {
      if (!pair) continue;
      sorted.leftKeys.push(pair[0].index);
      sorted.rightKeys.push(pair[1].index);
    }
    const fields = [...left.plan.schema.fields, ...right.plan.schema.fields];
    const computed = extractComputedKeys(sorted.residual, fields, leftWidth);
    const keyed = { joinType, left, right, leftKeys: sorted.leftKeys, rightKeys: sorted.rightKeys, conditions: computed.rest, position: join.position };
    return computed.pairs.length > 0 ? planComputedKeyJoin(keyed, computed.pairs) : planKeyedJoin({ ...keyed, conditions: sorted.residual });
  }
  const window = sharedWindow(sorted.windowStart, sorted.windowEnd, join.condition?.position ?? join.position);
  for (const [side, relation] of [['left', left], ['right', right]] as const) {
    if (isUpdating(relation.plan)) {
      throw new PlanError(`A window join needs append-only inputs, but its ${side} input produces updates (GROUP BY without a window)`, { position: join.position });
    }
  }
  const [windowStartLeft, windowStartRight] = sorted.windowStart.map((b) => b.index) as [number, number];
  const [windowEndLeft, windowEndRight] = sorted.windowEnd.map((b) => b.index) as [number, number];
  const fields = joinOutputFields(left.plan.schema.fields, right.plan.schema.fields, joinType, false);
  const names = uniqueNames(fields.map((f) => f.name));
  const plan: WindowJoinNode = {
    kind: 'window-join',
    left: left.plan,
    right: right.plan,
    joinType,
    window,
    leftSide: { keys: sorted.leftKeys, windowStartIndex: windowStartLeft, windowEndIndex: windowEndLeft, lateTable: originTable(left.plan) },
    rightSide: { keys: sorted.rightKeys, windowStartIndex: windowStartRight, windowEndIndex: windowEndRight, lateTable: originTable(right.plan) },
    residual: conjunction(sorted.residual),
    schema: { fields: fields.map((f, i) => ({ ...f, name: names[i]! })) },
  };
  const columns: ScopeColumn[] = scope.columns.map((c) => ({ ...c, type: fields[c.index]!.type, nullable: fields[c.index]!.nullable }));
  return { plan, scope: { columns } };
}

/** The conjuncts of an AND tree. */
function conjuncts(expr: Expr): Expr[] {
  return expr.kind === 'call' && expr.op === 'and' ? expr.args.flatMap(conjuncts) : [expr];
}

function sortConjuncts(parts: readonly Expr[], left: PlannedRelation, right: PlannedRelation, leftWidth: number): SortedCondition {
  const sorted: SortedCondition = { leftKeys: [], rightKeys: [], residual: [], windowStart: undefined, windowEnd: undefined };
  for (const part of parts) {
    const pair = columnEquality(part, leftWidth);
    if (!pair) {
      sorted.residual.push(part);
      continue;
    }
    const [l, r] = pair;
    const leftBound = windowBoundOf(left.plan, l.index);
    const rightBound = windowBoundOf(right.plan, r.index - leftWidth);
    if (leftBound && rightBound && leftBound.role === rightBound.role && leftBound.role !== 'time') {
      const role = leftBound.role === 'start' ? 'windowStart' : 'windowEnd';
      // A repeated equality of the same bounds stays in the residual (redundant, never dropped).
      if (!sorted[role]) {
        sorted[role] = [{ bound: leftBound, index: l.index }, { bound: rightBound, index: r.index - leftWidth }];
        continue;
      }
    }
    if (sameType(l.type, r.type)) {
      sorted.leftKeys.push(l.index);
      sorted.rightKeys.push(r.index - leftWidth);
    } else {
      sorted.residual.push(part);
    }
  }
  return sorted;
}

/** `L.a = R.b` (either order) over plain columns of the two sides: [left column, right column]. */
function columnEquality(expr: Expr, leftWidth: number): [Extract<Expr, { kind: 'column' }>, Extract<Expr, { kind: 'column' }>] | undefined {
  if (expr.kind !== 'call' || expr.op !== 'equal') return undefined;
  const [a, b] = expr.args;
  if (a?.kind !== 'column' || b?.kind !== 'column') return undefined;
  if (a.index < leftWidth && b.index >= leftWidth) return [a, b];
  if (b.index < leftWidth && a.index >= leftWidth) return [b, a];
  return undefined;
}

/** The windowing both inputs share; a PlanError when they differ, NotImplemented for SESSION windows. */
function sharedWindow(start: readonly EquatedBound[], end: readonly EquatedBound[], position: SourcePosition): WindowSpec {
  const [left, right] = [start[0]!.bound.window, start[1]!.bound.window];
  if (!sameWindowing(left, end[0]!.bound.window) || !sameWindowing(right, end[1]!.bound.window)) {
    throw new PlanError('The window_start and window_end equated in a window join must come from the same window on each side', { position });
  }
  if (left.kind === 'session' || right.kind === 'session') {
    throw new NotImplementedError('Window joins over SESSION windows are not supported yet', { position });
  }
  if (!sameWindowing(left, right)) {
    throw new PlanError(`A window join needs both inputs to use the same window, but the left input uses ${describeWindow(left)} and the right input ${describeWindow(right)}`, { position });
  }
  return left;
}

function describeWindow(window: WindowSpec): string {
  const offset = 'offset' in window && window.offset !== 0 ? `, offset ${formatDuration(window.offset)}` : '';
  switch (window.kind) {
    case 'tumble':
      return `TUMBLE(size ${formatDuration(window.size)}${offset})`;
    case 'hop':
      return `HOP(slide ${formatDuration(window.slide)}, size ${formatDuration(window.size)}${offset})`;
    case 'cumulate':
      return `CUMULATE(step ${formatDuration(window.step)}, size ${formatDuration(window.maxSize)}${offset})`;
    case 'session':
      return `SESSION(gap ${formatDuration(window.gap)})`;
  }
}
