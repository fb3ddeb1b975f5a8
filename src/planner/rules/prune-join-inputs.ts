/**
 * PruneJoinInputs (Calcite's ProjectJoinTransposeRule, as far as columns go): a projection over a regular join —
 * through any filters between them — that reads only some of the join's columns makes each input project to the
 * columns still needed (by the projection, the filters, the join keys and the residual condition) before the join.
 * A regular join keeps every input row in state, so a column nobody reads was stored for nothing: Nexmark q7 kept
 * each bid's `url` and `channel`. The join's output then has only the kept columns; the projection and filters are
 * renumbered. Interval and temporal joins (time indexes of their own) and semi / anti joins are left as they are.
 */
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { FilterNode, JoinNode, LogicalPlan, ProjectNode } from '../logical/plan.js';
import { referencedColumns, rewriteColumns } from './expr-utils.js';
import type { RewriteRule } from './rule.js';

export const pruneJoinInputs: RewriteRule = {
  name: 'PruneJoinInputs',
  apply(plan) {
    if (plan.kind !== 'project') return undefined;
    const filters: FilterNode[] = [];
    let below = plan.input;
    while (below.kind === 'filter') {
      filters.push(below);
      below = below.input;
    }
    if (below.kind !== 'join' || !prunable(below)) return undefined;
    const join = below;
    const leftWidth = join.left.schema.fields.length;
    const rightWidth = join.right.schema.fields.length;
    const used = new Set<number>();
    for (const expr of plan.exprs) referencedColumns(expr, used);
    for (const filter of filters) referencedColumns(filter.predicate, used);
    if (join.residual) referencedColumns(join.residual, used);
    for (const key of join.leftKeys) used.add(key);
    for (const key of join.rightKeys) used.add(leftWidth + key);
    const keepLeft = kept(used, 0, leftWidth);
    const keepRight = kept(used, leftWidth, rightWidth);
    if (keepLeft.length === leftWidth && keepRight.length === rightWidth) return undefined;

    const renumbered = new Map<number, number>();
    keepLeft.forEach((old, i) => renumbered.set(old, i));
    keepRight.forEach((old, i) => renumbered.set(leftWidth + old, keepLeft.length + i));
    const remap = (expr: Expr): Expr => rewriteColumns(expr, (index) => columnExpr(renumbered.get(index)!, join.schema.fields[index]!.type));
    const pruned: JoinNode = {
      ...join,
      left: projectColumns(join.left, keepLeft),
      right: projectColumns(join.right, keepRight),
      leftKeys: join.leftKeys.map((key) => keepLeft.indexOf(key)),
      rightKeys: join.rightKeys.map((key) => keepRight.indexOf(key)),
      residual: join.residual ? remap(join.residual) : null,
      schema: { fields: [...keepLeft, ...keepRight.map((i) => leftWidth + i)].map((index) => join.schema.fields[index]!) },
    };
    let input: LogicalPlan = pruned;
    for (const filter of filters.reverse()) input = { ...filter, input, predicate: remap(filter.predicate), schema: pruned.schema };
    const project: ProjectNode = { ...plan, input, exprs: plan.exprs.map(remap) };
    return project;
  },
};

function prunable(join: JoinNode): boolean {
  return join.interval === null && !join.temporal && join.joinType !== 'semi' && join.joinType !== 'anti';
}

/** The side's column indexes (from 0) that are read, in order; at least one, so the side keeps a schema. */
function kept(used: ReadonlySet<number>, offset: number, width: number): number[] {
  const indexes: number[] = [];
  for (let i = 0; i < width; i++) if (used.has(offset + i)) indexes.push(i);
  return indexes.length > 0 || width === 0 ? indexes : [0];
}

/** `input` projected to `columns` (itself when that is every column, in order). */
function projectColumns(input: LogicalPlan, columns: readonly number[]): LogicalPlan {
  const fields = input.schema.fields;
  if (columns.length === fields.length) return input;
  return {
    kind: 'project',
    input,
    exprs: columns.map((index) => columnExpr(index, fields[index]!.type)),
    schema: { fields: columns.map((index) => fields[index]!) },
  };
}
