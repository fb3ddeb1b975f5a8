/**
 * `q1 UNION ALL q2 [UNION ALL q3 …]` → one Union node over the planned sides. Sides must have the same number of
 * columns; each column is converted to the common type of its sides (a Project on the sides that need it), the names
 * are the first side's, and a column stays a time attribute only when it is one, of the same kind, on every side.
 * `UNION` (DISTINCT) is the distinct rows of the UNION ALL of its two sides; INTERSECT and EXCEPT: intersect-except.ts.
 */
import { PlanError } from '../../common/errors.js';
import { formatType, isProctime, isRowtime, sameType, type DataType } from '../../common/types.js';
import { columnExpr } from '../../dataflow/expr.js';
import type { Field } from '../../dataflow/schema.js';
import type { Query, SetOperation } from '../../parser/ast.js';
import { coerce, commonType } from '../binder/expressions.js';
import type { LogicalPlan, UnionNode } from '../logical/plan.js';
import { scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';
import { planDistinct } from './distinct.js';
import { planIntersectOrExcept } from './intersect-except.js';
import type { QueryPlanner } from './from.js';

interface PlannedSide {
  readonly plan: LogicalPlan;
  readonly query: Query;
}

export function planUnion(setOperation: SetOperation, context: PlanningContext, planQuery: QueryPlanner): PlannedRelation {
  // `a UNION [DISTINCT] b`: the distinct rows of `a UNION ALL b` (a GROUP BY on every column, as Flink plans it).
  if (setOperation.op !== 'UNION') return planIntersectOrExcept(setOperation, context, planQuery);
  if (!setOperation.all) {
    return planDistinct(planUnionAll([setOperation.left, setOperation.right], 'UNION', context, planQuery));
  }
  return planUnionAll(unionAllSides(setOperation), 'UNION ALL', context, planQuery);
}

function planUnionAll(queries: readonly Query[], name: string, context: PlanningContext, planQuery: QueryPlanner): PlannedRelation {
  const sides: PlannedSide[] = queries.map((query) => ({ plan: planQuery(query, context).plan, query }));
  const first = sides[0]!;
  const width = first.plan.schema.fields.length;
  for (const side of sides.slice(1)) {
    const count = side.plan.schema.fields.length;
    if (count !== width) {
      throw new PlanError(`Each side of ${name} must have the same number of columns: the first has ${width}, this one ${count}`, {
        position: side.query.position,
      });
    }
  }
  const types = first.plan.schema.fields.map((_, i) => columnType(sides, i, name));
  const fields: Field[] = first.plan.schema.fields.map((f, i) => ({
    name: f.name,
    type: types[i]!,
    nullable: sides.some((side) => side.plan.schema.fields[i]!.nullable),
  }));
  const plan: UnionNode = { kind: 'union', inputs: sides.map((side) => coerceSide(side.plan, types)), schema: { fields } };
  return { plan, scope: scopeForPlan(plan, null) };
}

/** The sides of a left-deep chain of UNION ALLs, left to right (any other set operation is one side). */
function unionAllSides(setOperation: SetOperation): Query[] {
  const left = setOperation.left;
  const chained = left.setOperation?.op === 'UNION' && left.setOperation.all;
  const leftSides = left.setOperation !== undefined && chained && left.orderBy.length === 0 && left.limit === null
    ? unionAllSides(left.setOperation)
    : [left];
  return [...leftSides, setOperation.right];
}

/** The common type of column `index` over all sides; a time attribute when it is one (same kind) on every side. */
function columnType(sides: readonly PlannedSide[], index: number, name: string): DataType {
  const sideTypes = sides.map((side) => side.plan.schema.fields[index]!.type);
  const first = sideTypes[0]!;
  if (sideTypes.every((t) => isRowtime(t) && sameType(t, first)) || sideTypes.every((t) => isProctime(t) && sameType(t, first))) {
    return first;
  }
  let type = first;
  sides.forEach((side, s) => {
    if (s === 0) return;
    const next = commonType(type, sideTypes[s]!);
    if (next === undefined) {
      throw new PlanError(
        `Column ${index + 1} (${sides[0]!.plan.schema.fields[index]!.name}) of ${name} has no common type: ${formatType(type)} and ${formatType(sideTypes[s]!)}`,
        { position: side.query.position },
      );
    }
    type = next;
  });
  return type;
}

/** `plan` with its columns converted to `types` (a Project), or itself when they already are. */
function coerceSide(plan: LogicalPlan, types: readonly DataType[]): LogicalPlan {
  const fields = plan.schema.fields;
  const needsCast = fields.some((f, i) => !sameType(f.type, types[i]!) || isRowtime(f.type) !== isRowtime(types[i]!));
  if (!needsCast) return plan;
  const exprs = fields.map((f, i) => coerce(columnExpr(i, f.type), types[i]!));
  return {
    kind: 'project',
    input: plan,
    exprs,
    schema: { fields: fields.map((f, i) => ({ ...f, type: types[i]! })) },
  };
}
