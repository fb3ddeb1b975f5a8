/** The operator spec of a logical Join node: a regular join, or an interval join when it has interval bounds. */
import { InternalError } from '../../common/errors.js';
import type { IntervalJoinSide, IntervalJoinSpec, LateRowMapping, RegularJoinSpec, TemporalJoinSpec } from '../../dataflow/graph.js';
import { inputsOf, type JoinNode, type LogicalPlan } from '../logical/plan.js';
import { originTable } from '../query/window-tvf.js';

export function joinSpec(plan: JoinNode): RegularJoinSpec | IntervalJoinSpec | TemporalJoinSpec {
  const { joinType, leftKeys, rightKeys, residual, interval } = plan;
  if (plan.temporal) {
    if (joinType === 'semi' || joinType === 'anti') throw new InternalError('A semi / anti join is not a temporal join');
    const lateRow = lateRowByName(plan.left);
    return {
      kind: 'temporal-join', joinType, leftKeys, rightKeys, residual,
      leftTimeIndex: plan.temporal.leftTimeIndex, rightTimeIndex: plan.temporal.rightTimeIndex,
      lateTable: originTable(plan.left), ...(lateRow ? { lateRow } : {}),
    };
  }
  if (interval === null) return { kind: 'join', joinType, leftKeys, rightKeys, residual, ...(plan.nullSafeKeys ? { nullSafeKeys: true } : {}) };
  if (joinType === 'semi' || joinType === 'anti') throw new InternalError('A semi / anti join has no interval bounds');
  const side = (input: LogicalPlan, keys: readonly number[], timeIndex: number): IntervalJoinSide => {
    const lateRow = lateRowByName(input);
    return { keys, timeIndex, lateTable: originTable(input), ...(lateRow ? { lateRow } : {}) };
  };
  return {
    kind: 'interval-join',
    joinType,
    ...(interval.timeMode ? { timeMode: interval.timeMode } : {}),
    left: side(plan.left, leftKeys, interval.leftTimeIndex),
    right: side(plan.right, rightKeys, interval.rightTimeIndex),
    lowerBound: interval.lowerBound,
    upperBound: interval.upperBound,
    residual,
  };
}

/** Each column of the side's origin table, found in the side's output by name and type (−1 where it is not there). */
function lateRowByName(plan: LogicalPlan): LateRowMapping | undefined {
  let origin: LogicalPlan | undefined = plan;
  while (origin && origin.kind !== 'scan') origin = inputsOf(origin)[0];
  if (!origin) return undefined;
  const fields = plan.schema.fields;
  return origin.schema.fields.map((f) => fields.findIndex((g) => g.name === f.name && g.type.kind === f.type.kind));
}
