/**
 * `a INTERSECT b` and `a EXCEPT b` (DISTINCT, the default), as Flink plans them: the distinct rows of `a` (a GROUP
 * BY on every column), semi-joined (INTERSECT) or anti-joined (EXCEPT) with `b` on every column, NULL matching NULL
 * (IS NOT DISTINCT FROM). Both sides' columns are converted to their common types; the names are `a`'s. INTERSECT is
 * append-only over append-only inputs; EXCEPT retracts a row when `b` gains it. INTERSECT ALL and EXCEPT ALL (which
 * count duplicates) share the checks and conversions and are planned by intersect-except-all.ts.
 */
import { PlanError } from '../../common/errors.js';
import { formatType, withoutRowtime, type DataType } from '../../common/types.js';
import { columnExpr } from '../../dataflow/expr.js';
import type { SetOperation } from '../../parser/ast.js';
import { coerce, commonType } from '../binder/expressions.js';
import type { JoinNode, LogicalPlan } from '../logical/plan.js';
import { scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';
import { planDistinct } from './distinct.js';
import { planIntersectOrExceptAll } from './intersect-except-all.js';
import type { QueryPlanner } from './from.js';

export function planIntersectOrExcept(setOperation: SetOperation, context: PlanningContext, planQuery: QueryPlanner): PlannedRelation {
  const op = setOperation.op;
  const name = setOperation.all ? `${op} ALL` : op;
  const left = planQuery(setOperation.left, context).plan;
  const right = planQuery(setOperation.right, context).plan;
  const width = left.schema.fields.length;
  if (right.schema.fields.length !== width) {
    throw new PlanError(`Each side of ${name} must have the same number of columns: the first has ${width}, this one ${right.schema.fields.length}`, {
      position: setOperation.right.position,
    });
  }
  const types = left.schema.fields.map((field, i): DataType => {
    const other = right.schema.fields[i]!.type;
    const type = commonType(field.type, other);
    if (type === undefined) {
      throw new PlanError(`Column ${i + 1} (${field.name}) of ${name} has no common type: ${formatType(field.type)} and ${formatType(other)}`, {
        position: setOperation.right.position,
      });
    }
    return withoutRowtime(type);
  });
  if (setOperation.all) return planIntersectOrExceptAll(op, converted(left, types), converted(right, types), setOperation.position);
  const distinctLeft = planDistinct({ plan: converted(left, types), scope: { columns: [] } }).plan;
  const keys = types.map((_, i) => i);
  const plan: JoinNode = {
    kind: 'join',
    left: distinctLeft,
    right: converted(right, types),
    joinType: op === 'INTERSECT' ? 'semi' : 'anti',
    leftKeys: keys,
    rightKeys: keys,
    residual: null,
    interval: null,
    nullSafeKeys: true,
    schema: distinctLeft.schema,
  };
  return { plan, scope: scopeForPlan(plan, null) };
}

/** `plan` with its columns converted to `types` (a projection), or itself when they already have them. */
function converted(plan: LogicalPlan, types: readonly DataType[]): LogicalPlan {
  const fields = plan.schema.fields;
  if (fields.every((f, i) => formatType(f.type) === formatType(types[i]!) && withoutRowtime(f.type) === f.type)) return plan;
  return {
    kind: 'project',
    input: plan,
    exprs: fields.map((f, i) => coerce(columnExpr(i, f.type), types[i]!)),
    schema: { fields: fields.map((f, i) => ({ ...f, type: types[i]! })) },
  };
}
