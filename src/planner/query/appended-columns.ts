/**
 * Key and argument expressions an operator reads as columns of its input (sort keys, partition keys, aggregate
 * arguments): a bound column is read where it is; any other expression is computed by a Project that appends it to
 * the input's columns (named `<prefix>0`, `<prefix>1`, …). Window Top-N, OVER aggregations and LIMIT plan their
 * inputs so.
 */
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { LogicalPlan, ProjectNode } from '../logical/plan.js';

export class AppendedColumns {
  private readonly extra: Expr[] = [];

  constructor(private readonly input: LogicalPlan, private readonly prefix: string) {}

  /** The input column holding `bound`'s value: its own index for a column, else a column appended for it. */
  indexOf(bound: Expr): number {
    if (bound.kind === 'column') return bound.index;
    this.extra.push(bound);
    return this.input.schema.fields.length + this.extra.length - 1;
  }

  /** Whether any expression was appended. */
  get any(): boolean {
    return this.extra.length > 0;
  }

  /** The input, extended by a Project with the appended columns when there are any. */
  plan(): LogicalPlan {
    const { input, extra, prefix } = this;
    if (extra.length === 0) return input;
    const fields = input.schema.fields;
    const exprs = [...fields.map((f, i) => columnExpr(i, f.type)), ...extra];
    return { kind: 'project', input, exprs, schema: { fields: [...fields, ...extra.map((e, i) => ({ name: `${prefix}${i}`, type: e.type, nullable: true }))] } };
  }
}

/** `plan`'s first `width` columns (dropping the ones appended for an operator once it has read them). */
export function leadingColumns(plan: LogicalPlan, width: number): ProjectNode {
  const fields = plan.schema.fields.slice(0, width);
  return { kind: 'project', input: plan, exprs: fields.map((f, i) => columnExpr(i, f.type)), schema: { fields } };
}
