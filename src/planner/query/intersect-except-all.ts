/**
 * `a INTERSECT ALL b` and `a EXCEPT ALL b`: multiset intersection (each row min(m, n) times, where `a` has it m times
 * and `b` n times) and difference (max(m − n, 0) times), NULL matching NULL, as Flink plans them (its
 * RewriteIntersectAllRule / RewriteMinusAllRule):
 *
 * - EXCEPT ALL: `a` with a marker 1, UNION ALL `b` with −1, GROUP BY every column summing the marker, the groups
 *   whose sum is positive, each row replicated `sum` times.
 * - INTERSECT ALL: `a` with markers (TRUE, NULL), UNION ALL `b` with (NULL, TRUE), GROUP BY every column counting
 *   each marker, the groups seen on both sides, each row replicated min(left count, right count) times.
 *
 * The GROUP BY makes both updating results: a change in a row's count retracts its old copies (-U each) and emits
 * the new ones (+U each), as in Flink.
 */
import type { SourcePosition } from '../../common/errors.js';
import { BIGINT, BOOLEAN, type DataType } from '../../common/types.js';
import { columnExpr, literalExpr, type Expr } from '../../dataflow/expr.js';
import type { AggregateCall } from '../../dataflow/graph.js';
import type { Field } from '../../dataflow/schema.js';
import type { SetOperator } from '../../parser/ast.js';
import type { AggregateNode, LogicalPlan } from '../logical/plan.js';
import { scopeForPlan, type PlannedRelation } from './context.js';

/** Both sides, already converted to the set operation's column types. */
export function planIntersectOrExceptAll(op: SetOperator, left: LogicalPlan, right: LogicalPlan, position: SourcePosition): PlannedRelation {
  const fields = left.schema.fields;
  const width = fields.length;
  const markers = op === 'EXCEPT' ? EXCEPT_MARKERS : INTERSECT_MARKERS;
  const union: LogicalPlan = {
    kind: 'union',
    inputs: [withMarkers(left, markers.fields, markers.left), withMarkers(right, markers.fields, markers.right)],
    schema: { fields: [...fields.map((f, i) => ({ ...f, nullable: f.nullable || right.schema.fields[i]!.nullable })), ...markers.fields] },
  };
  const aggregates = markers.aggregates(width);
  const aggregate: AggregateNode = {
    kind: 'aggregate',
    input: union,
    keys: fields.map((_, i) => i),
    aggregates,
    schema: { fields: [...union.schema.fields.slice(0, width), ...aggregates.map((a, j) => ({ name: `${markers.fields[j]!.name}_agg`, type: a.type, nullable: a.fn !== 'COUNT' }))] },
  };
  const counts = aggregates.map((a, j) => columnExpr(width + j, a.type));
  const kept: LogicalPlan = { kind: 'filter', input: aggregate, predicate: markers.keep(counts), schema: aggregate.schema };
  const withCount: LogicalPlan = {
    kind: 'project',
    input: kept,
    exprs: [...fields.map((f, i) => columnExpr(i, f.type)), markers.copies(counts)],
    schema: { fields: [...aggregate.schema.fields.slice(0, width), { name: 'copies', type: BIGINT, nullable: false }] },
  };
  const replicated: LogicalPlan = {
    kind: 'correlate',
    input: withCount,
    function: { kind: 'replicate', count: columnExpr(width, BIGINT) },
    joinType: 'inner',
    position,
    schema: withCount.schema,
  };
  const plan: LogicalPlan = {
    kind: 'project',
    input: replicated,
    exprs: fields.map((f, i) => columnExpr(i, f.type)),
    schema: { fields: replicated.schema.fields.slice(0, width) },
  };
  return { plan, scope: scopeForPlan(plan, null) };
}

interface Markers {
  /** The marker columns appended to each side, and their values on the left and on the right. */
  readonly fields: readonly Field[];
  readonly left: readonly Expr[];
  readonly right: readonly Expr[];
  /** The aggregates of the markers (over the union's marker columns, after `width` data columns). */
  aggregates(width: number): AggregateCall[];
  /** Which groups produce rows, and how many copies each: over the aggregates' columns. */
  keep(counts: readonly Expr[]): Expr;
  copies(counts: readonly Expr[]): Expr;
}

const EXCEPT_MARKERS: Markers = {
  fields: [{ name: 'vcol', type: BIGINT, nullable: false }],
  left: [literalExpr(1n, BIGINT)],
  right: [literalExpr(-1n, BIGINT)],
  aggregates: (width) => [aggregateCall('SUM', width, BIGINT, BIGINT, 'SUM(vcol)')],
  keep: ([sum]) => call('greater', [sum!, literalExpr(0n, BIGINT)], BOOLEAN),
  copies: ([sum]) => sum!,
};

const INTERSECT_MARKERS: Markers = {
  fields: [{ name: 'vcol_left_marker', type: BOOLEAN, nullable: true }, { name: 'vcol_right_marker', type: BOOLEAN, nullable: true }],
  left: [literalExpr(true, BOOLEAN), literalExpr(null, BOOLEAN)],
  right: [literalExpr(null, BOOLEAN), literalExpr(true, BOOLEAN)],
  aggregates: (width) => [
    aggregateCall('COUNT', width, BOOLEAN, BIGINT, 'COUNT(vcol_left_marker)'),
    aggregateCall('COUNT', width + 1, BOOLEAN, BIGINT, 'COUNT(vcol_right_marker)'),
  ],
  keep: ([left, right]) => call('and', [atLeastOne(left!), atLeastOne(right!)], BOOLEAN),
  copies: ([left, right]) => ({ kind: 'case', whens: [{ when: call('greater', [left!, right!], BOOLEAN), then: right! }], otherwise: left!, type: BIGINT }),
};

/** `plan`'s columns, then the marker columns. */
function withMarkers(plan: LogicalPlan, markerFields: readonly Field[], markers: readonly Expr[]): LogicalPlan {
  const fields = plan.schema.fields;
  return {
    kind: 'project',
    input: plan,
    exprs: [...fields.map((f, i) => columnExpr(i, f.type)), ...markers],
    schema: { fields: [...fields, ...markerFields] },
  };
}

function aggregateCall(fn: 'SUM' | 'COUNT', argIndex: number, argType: DataType, type: DataType, display: string): AggregateCall {
  return { fn, argIndex, argType, distinct: false, type, display };
}

function atLeastOne(count: Expr): Expr {
  return call('greater-equal', [count, literalExpr(1n, BIGINT)], BOOLEAN);
}

function call(op: 'greater' | 'greater-equal' | 'and', args: readonly Expr[], type: DataType): Expr {
  return { kind: 'call', op, args, type };
}

