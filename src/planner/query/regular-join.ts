/**
 * Joins that are not window joins: interval joins, when the ON condition bounds a time attribute of each side from
 * both sides (see `interval-join-bounds.ts`), and regular joins otherwise (Flink's rules).
 *
 * A regular join keeps every row of both sides in state and produces a changelog; like Flink, it turns time
 * attributes into plain TIMESTAMP(3) columns (its output is not in event-time order), so windows over it are
 * rejected. An interval join needs append-only inputs and keeps both sides' time attributes, so windows over it work.
 */
import { PlanError, type SourcePosition } from '../../common/errors.js';
import { BOOLEAN, withoutRowtime } from '../../common/types.js';
import type { Expr } from '../../dataflow/expr.js';
import type { WindowJoinType } from '../../dataflow/graph.js';
import type { Field } from '../../dataflow/schema.js';
import { isUpdating, type JoinNode } from '../logical/plan.js';
import { uniqueNames, type PlannedRelation } from './context.js';
import { extractIntervalBounds } from './interval-join-bounds.js';

export interface KeyedJoinInput {
  readonly joinType: WindowJoinType;
  readonly left: PlannedRelation;
  readonly right: PlannedRelation;
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  /** Conjuncts of the ON condition other than the key equalities, over the joined row. */
  readonly conditions: readonly Expr[];
  readonly position: SourcePosition;
}

/** Plans a regular or an interval join (see the module comment). */
export function planKeyedJoin(input: KeyedJoinInput): PlannedRelation {
  const { joinType, left, right, position } = input;
  const interval = extractIntervalBounds(input.conditions, left.plan.schema, right.plan.schema, position);
  if (interval) {
    for (const [side, relation] of [['left', left], ['right', right]] as const) {
      if (isUpdating(relation.plan)) {
        throw new PlanError(`An interval join needs append-only inputs, but its ${side} input produces updates (GROUP BY without a window, or a regular join)`, { position });
      }
    }
  }
  // An interval join keeps time attributes (Flink does); a regular join materialises them.
  const fields = joinOutputFields(left.plan.schema.fields, right.plan.schema.fields, joinType, interval !== undefined);
  const names = uniqueNames(fields.map((f) => f.name));
  const plan: JoinNode = {
    kind: 'join',
    left: left.plan,
    right: right.plan,
    joinType,
    leftKeys: input.leftKeys,
    rightKeys: input.rightKeys,
    residual: conjunction(interval ? interval.rest : input.conditions),
    interval: interval?.bounds ?? null,
    schema: { fields: fields.map((f, i) => ({ ...f, name: names[i]! })) },
  };
  const leftWidth = left.plan.schema.fields.length;
  const columns = [
    ...left.scope.columns,
    ...right.scope.columns.map((c) => ({ ...c, index: c.index + leftWidth })),
  ].map((c) => ({ ...c, type: fields[c.index]!.type, nullable: fields[c.index]!.nullable }));
  return { plan, scope: { columns } };
}

/** The AND of `parts`, or null when there are none. */
export function conjunction(parts: readonly Expr[]): Expr | null {
  if (parts.length === 0) return null;
  return parts.reduce((all, part) => ({ kind: 'call', op: 'and', args: [all, part], type: BOOLEAN }));
}

/**
 * A join's output columns: the left input's, then the right's; the side an outer join pads becomes nullable, and
 * time attributes become plain timestamps unless `keepTime`.
 */
export function joinOutputFields(left: readonly Field[], right: readonly Field[], joinType: WindowJoinType, keepTime: boolean): Field[] {
  const padLeft = joinType === 'right' || joinType === 'full';
  const padRight = joinType === 'left' || joinType === 'full';
  const sideFields = (fields: readonly Field[], padded: boolean): Field[] =>
    fields.map((f) => ({ ...f, type: keepTime ? f.type : withoutRowtime(f.type), nullable: f.nullable || padded }));
  return [...sideFields(left, padLeft), ...sideFields(right, padRight)];
}
