/**
 * Equalities between an expression over the left input and one over the right (`ON LOWER(a.name) = b.name`,
 * `ON a.k + 1 = b.k`) as join keys, as Flink's JoinPushExpressionsRule does: each side gets its key expressions as
 * extra columns (a projection below the join), the join is hashed and keyed on them, and a projection above drops
 * them. Without this such a join has no key: every row goes to one partition and every pair is compared.
 * Expressions that are not deterministic (RAND, NOW, user functions) stay in the join condition.
 */
import { sameType, withoutRowtime } from '../../common/types.js';
import { columnExpr, isNonDeterministicOp, type Expr } from '../../dataflow/expr.js';
import type { Field } from '../../dataflow/schema.js';
import type { ProjectNode } from '../logical/plan.js';
import { referencedColumns, rewriteColumns } from '../rules/expr-utils.js';
import type { PlannedRelation } from './context.js';
import { planKeyedJoin, type KeyedJoinInput } from './regular-join.js';

/** An equality of a left expression and a right one (right columns counted from 0). */
export interface ComputedKeyPair {
  readonly left: Expr;
  readonly right: Expr;
}

/** Splits the conjuncts (over left then right columns) into computed key pairs and the rest. */
export function extractComputedKeys(conditions: readonly Expr[], fields: readonly Field[], leftWidth: number): { pairs: ComputedKeyPair[]; rest: Expr[] } {
  const pairs: ComputedKeyPair[] = [];
  const rest: Expr[] = [];
  for (const part of conditions) {
    const pair = part.kind === 'call' && part.op === 'equal' ? sidesOf(part.args[0]!, part.args[1]!, fields, leftWidth) : undefined;
    if (pair) pairs.push(pair);
    else rest.push(part);
  }
  return { pairs, rest };
}

function sidesOf(a: Expr, b: Expr, fields: readonly Field[], leftWidth: number): ComputedKeyPair | undefined {
  if (!sameType(withoutRowtime(a.type), withoutRowtime(b.type)) || !deterministic(a) || !deterministic(b)) return undefined;
  const side = (expr: Expr): 'left' | 'right' | undefined => {
    const columns = [...referencedColumns(expr)];
    if (columns.length === 0) return undefined;
    if (columns.every((c) => c < leftWidth)) return 'left';
    return columns.every((c) => c >= leftWidth) ? 'right' : undefined;
  };
  const [sideA, sideB] = [side(a), side(b)];
  const rebase = (expr: Expr): Expr => rewriteColumns(expr, (index) => columnExpr(index - leftWidth, fields[index]!.type));
  if (sideA === 'left' && sideB === 'right') return { left: a, right: rebase(b) };
  if (sideA === 'right' && sideB === 'left') return { left: b, right: rebase(a) };
  return undefined;
}

function deterministic(expr: Expr): boolean {
  switch (expr.kind) {
    case 'column':
    case 'literal':
      return true;
    case 'cast':
      return deterministic(expr.arg);
    case 'case':
      return expr.whens.every((w) => deterministic(w.when) && deterministic(w.then)) && (!expr.otherwise || deterministic(expr.otherwise));
    case 'call':
      return !isNonDeterministicOp(expr.op) && expr.args.every(deterministic);
  }
}

/** A keyed join whose keys include computed ones (see the module comment); `conditions` are the other conjuncts. */
export function planComputedKeyJoin(input: KeyedJoinInput, pairs: readonly ComputedKeyPair[]): PlannedRelation {
  const { left, right } = input;
  const leftWidth = left.plan.schema.fields.length;
  const rightWidth = right.plan.schema.fields.length;
  const extended = (relation: PlannedRelation, keys: readonly Expr[]): PlannedRelation => {
    const fields = relation.plan.schema.fields;
    const plan: ProjectNode = {
      kind: 'project',
      input: relation.plan,
      exprs: [...fields.map((f, i) => columnExpr(i, f.type)), ...keys],
      schema: { fields: [...fields, ...keys.map((key, i): Field => ({ name: `$join_key${i}`, type: withoutRowtime(key.type), nullable: true }))] },
    };
    return { plan, scope: relation.scope };
  };
  const extra = pairs.length;
  const allFields = [...left.plan.schema.fields, ...right.plan.schema.fields];
  // Right columns move past the left side's key columns.
  const shifted = input.conditions.map((condition) => rewriteColumns(condition, (i) => columnExpr(i < leftWidth ? i : i + extra, allFields[i]!.type)));
  const joined = planKeyedJoin({
    ...input,
    left: extended(left, pairs.map((p) => p.left)),
    right: extended(right, pairs.map((p) => p.right)),
    leftKeys: [...input.leftKeys, ...pairs.map((_, i) => leftWidth + i)],
    rightKeys: [...input.rightKeys, ...pairs.map((_, i) => rightWidth + i)],
    conditions: shifted,
  });
  const kept = [...Array.from({ length: leftWidth }, (_, i) => i), ...Array.from({ length: rightWidth }, (_, i) => leftWidth + extra + i)];
  const fields = kept.map((i) => joined.plan.schema.fields[i]!);
  const plan: ProjectNode = { kind: 'project', input: joined.plan, exprs: kept.map((i, k) => columnExpr(i, fields[k]!.type)), schema: { fields } };
  const columns = [...left.scope.columns, ...right.scope.columns.map((c) => ({ ...c, index: c.index + leftWidth }))]
    .map((c) => ({ ...c, type: fields[c.index]!.type, nullable: fields[c.index]!.nullable }));
  return { plan, scope: { columns } };
}
