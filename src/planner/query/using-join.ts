/**
 * `a [INNER | LEFT | RIGHT | FULL] JOIN b USING (k, …)`: the join on `a.k = b.k` for each listed column, whose
 * result shows each USING column once, first, under its plain name — the left side's value (the right side's for a
 * RIGHT join, the first non-NULL of both for a FULL join) — followed by the other columns of `a`, then of `b`, as
 * Flink (Calcite) expands `SELECT *`. `a.k` and `b.k` stay reachable qualified; unqualified, `k` is the merged
 * column. Sides whose USING column types differ are compared in their common type (then the join has no hash key
 * for that column).
 */
import { PlanError } from '../../common/errors.js';
import { formatType, sameType, withoutRowtime, type DataType } from '../../common/types.js';
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { ColumnRef, Join } from '../../parser/ast.js';
import { coerce, commonType } from '../binder/expressions.js';
import { resolveColumn, type Scope, type ScopeColumn } from '../binder/scope.js';
import type { ProjectNode } from '../logical/plan.js';
import type { PlannedRelation } from './context.js';
import type { WindowJoinType } from '../../dataflow/graph.js';

const BOOLEAN: DataType = { kind: 'BOOLEAN' };

/** Plans the join of `left` and `right` on conjuncts over left columns, then right ones (as an ON condition would). */
export type JoinConditionPlanner = (conjuncts: readonly Expr[]) => PlannedRelation;

export function planUsingJoin(join: Join, joinType: WindowJoinType, left: PlannedRelation, right: PlannedRelation, planConditions: JoinConditionPlanner): PlannedRelation {
  const leftWidth = left.plan.schema.fields.length;
  const pairs = join.using.map((name) => {
    const ref: ColumnRef = { kind: 'column', path: [name], position: name.position };
    const side = (scope: Scope, which: string): ScopeColumn => {
      try {
        return resolveColumn(ref, { columns: scope.columns.filter((c) => !c.outer) });
      } catch (error) {
        throw new PlanError(`Column '${name.name}' of USING is not a column of the ${which} side of the join`, { position: name.position, cause: error });
      }
    };
    const l = side(left.scope, 'left');
    const r = side(right.scope, 'right');
    const type = commonType(l.type, r.type);
    if (type === undefined) {
      throw new PlanError(`Column '${name.name}' of USING has types ${formatType(l.type)} and ${formatType(r.type)}, which cannot be compared`, { position: name.position });
    }
    return { name: name.name, left: l, right: r, type: withoutRowtime(type) };
  });
  // Equal types: `a.k = b.k` on the bare columns (a hash key, or a window join's bounds); else in the common type.
  const conditions = pairs.map((pair): Expr => {
    const same = sameType(withoutRowtime(pair.left.type), withoutRowtime(pair.right.type));
    const leftColumn = columnExpr(pair.left.index, pair.left.type);
    const rightColumn = columnExpr(leftWidth + pair.right.index, pair.right.type);
    const args = same ? [leftColumn, rightColumn] : [coerce(leftColumn, pair.type), coerce(rightColumn, pair.type)];
    return { kind: 'call', op: 'equal', args, type: BOOLEAN };
  });
  const joined = planConditions(conditions);
  const fields = joined.plan.schema.fields;
  const merged = pairs.map((pair): Expr => {
    const fromLeft = coerce(columnExpr(pair.left.index, fields[pair.left.index]!.type), pair.type);
    const fromRight = coerce(columnExpr(leftWidth + pair.right.index, fields[leftWidth + pair.right.index]!.type), pair.type);
    if (joinType === 'right') return fromRight;
    if (joinType !== 'full') return fromLeft;
    return { kind: 'case', whens: [{ when: { kind: 'call', op: 'is-not-null', args: [fromLeft], type: BOOLEAN }, then: fromLeft }], otherwise: fromRight, type: pair.type };
  });
  const hidden = new Set(pairs.flatMap((pair) => [pair.left.index, leftWidth + pair.right.index]));
  const plan: ProjectNode = {
    kind: 'project',
    input: joined.plan,
    exprs: [...merged, ...fields.map((f, i) => columnExpr(i, f.type))],
    schema: { fields: [...pairs.map((pair) => ({ name: pair.name, type: pair.type, nullable: true })), ...fields] },
  };
  const columns: ScopeColumn[] = [
    ...pairs.map((pair, i): ScopeColumn => ({ name: pair.name, qualifier: null, type: pair.type, nullable: true, index: i })),
    ...joined.scope.columns.map((c) => ({ ...c, index: c.index + pairs.length, ...(hidden.has(c.index) ? { qualifiedOnly: true } : {}) })),
  ];
  return { plan, scope: { columns } };
}
