/**
 * A join whose right side is a table function of the left side's row — `LATERAL TABLE(f(x))` or `UNNEST(arr)` — is
 * a correlate (Flink's Correlate): `CROSS JOIN`, a comma or `[INNER] JOIN … ON cond` keep the input rows the
 * function produces rows for (the condition, if any, filters the joined rows); `LEFT JOIN … ON TRUE` also keeps
 * the others, NULL-padded. As in Flink, a LEFT join takes only the literal TRUE as its condition.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { formatType } from '../../common/types.js';
import type { Join, LateralTable, UnnestRef } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import type { Scope, ScopeColumn } from '../binder/scope.js';
import type { CorrelateNode, FilterNode } from '../logical/plan.js';
import { uniqueNames, type PlannedRelation } from './context.js';
import { bindTableFunction } from './correlate-function.js';

export type CorrelatedItem = LateralTable | UnnestRef;

export function isCorrelatedItem(item: Join['right']): item is CorrelatedItem {
  return item.kind === 'lateral-table' || item.kind === 'unnest';
}

/** What the item is called in messages. */
function itemName(item: CorrelatedItem): string {
  return item.kind === 'unnest' ? 'UNNEST' : 'LATERAL TABLE';
}

/** Plans `left <join> right` where `right` is a LATERAL TABLE or UNNEST over `left`'s columns. */
export function planCorrelate(join: Join, right: CorrelatedItem, left: PlannedRelation): PlannedRelation {
  const joinType = correlateJoinType(join, right);
  const bound = bindTableFunction(right, left.scope);
  const produced = bound.fields.map((f, i) => ({ ...f, name: right.columnAliases[i]?.name ?? f.name }));
  if (right.columnAliases.length > 0 && right.columnAliases.length !== bound.fields.length) {
    const described = bound.fields.map((f) => `${f.name} ${formatType(f.type)}`).join(', ');
    throw new PlanError(
      `${itemName(right)} produces ${bound.fields.length} column${bound.fields.length === 1 ? '' : 's'} (${described}), but the alias names ${right.columnAliases.length}`,
      { position: right.columnAliases[0]!.position },
    );
  }
  const leftFields = left.plan.schema.fields;
  const names = uniqueNames([...leftFields.map((f) => f.name), ...produced.map((f) => f.name)]);
  const fields = [...leftFields, ...produced].map((f, i) => ({ ...f, name: names[i]! }));
  const plan: CorrelateNode = {
    kind: 'correlate',
    input: left.plan,
    function: bound.function,
    joinType,
    position: right.kind === 'unnest' ? right.position : right.call.position,
    schema: { fields },
  };
  const qualifier = right.alias?.name ?? null;
  const columns: ScopeColumn[] = [
    ...left.scope.columns,
    ...produced.map((f, i) => ({ name: f.name, qualifier, type: f.type, nullable: true, index: leftFields.length + i })),
  ];
  const scope: Scope = { columns };
  if (joinType === 'left' || join.condition === null) return { plan, scope };
  const condition = bindExpression(join.condition, scope, { clause: 'the ON condition' });
  if (condition.type.kind !== 'BOOLEAN' && condition.type.kind !== 'NULL') {
    throw new PlanError(`The ON condition must be a condition (BOOLEAN), but is ${formatType(condition.type)}`, { position: join.condition.position });
  }
  const filter: FilterNode = { kind: 'filter', input: plan, predicate: condition, schema: plan.schema };
  return { plan: filter, scope };
}

function correlateJoinType(join: Join, right: CorrelatedItem): 'inner' | 'left' {
  if (join.using.length > 0) {
    throw new PlanError(`A join with ${itemName(right)} takes ON, not USING`, { position: join.using[0]!.position });
  }
  switch (join.joinType) {
    case 'CROSS':
    case 'INNER':
      return 'inner';
    case 'LEFT': {
      const condition = join.condition;
      const literalTrue = condition?.kind === 'literal' && condition.type === 'boolean' && condition.text.toUpperCase() === 'TRUE';
      if (!literalTrue) {
        throw new PlanError(`A LEFT JOIN with ${itemName(right)} takes only ON TRUE as its condition (as in Flink); filter the joined rows in WHERE`, {
          position: condition?.position ?? join.position,
        });
      }
      return 'left';
    }
    case 'RIGHT':
    case 'FULL':
      throw new NotImplementedError(`${join.joinType} JOIN with ${itemName(right)} is not supported (Flink correlates only INNER and LEFT joins)`, { position: join.position });
  }
}
