/**
 * The stateless nodes a window aggregation may look through between its Project and the window TVF: Filters and
 * Correlates (UNNEST, LATERAL TABLE), as Flink propagates window properties through Calc and Correlate. Above the
 * TVF, the columns are [TVF input (width)] [window_start, window_end, window_time] [produced by correlates…]; the
 * chain rebuilt over the TVF's input drops the three window columns, so the produced columns move down by three.
 */
import { correlateArguments, withCorrelateArguments } from '../../dataflow/correlate.js';
import type { Expr } from '../../dataflow/expr.js';
import type { Schema } from '../../dataflow/schema.js';
import type { CorrelateNode, FilterNode, LogicalPlan, WindowTvfNode } from '../logical/plan.js';
import { referencedColumns, rewriteColumns } from './expr-utils.js';

export type ChainNode = FilterNode | CorrelateNode;

export interface WindowTvfChain {
  readonly tvf: WindowTvfNode;
  /** Top-down, from just below the Project to just above the TVF. */
  readonly nodes: readonly ChainNode[];
}

/** The window TVF below `plan` through Filters and Correlates, if there is one. */
export function windowTvfChain(plan: LogicalPlan): WindowTvfChain | undefined {
  const nodes: ChainNode[] = [];
  let below = plan;
  while (below.kind === 'filter' || below.kind === 'correlate') {
    nodes.push(below);
    below = below.input;
  }
  return below.kind === 'window-tvf' ? { tvf: below, nodes } : undefined;
}

/** Whether `expr` (over the columns above the TVF) reads window_start, window_end or window_time. */
export function readsWindowColumns(expr: Expr, tvf: WindowTvfNode): boolean {
  const width = tvf.input.schema.fields.length;
  return [...referencedColumns(expr)].some((c) => c >= width && c < width + 3);
}

/** Whether a node of the chain reads a window column (then the aggregation cannot be fused). */
export function chainReadsWindow(chain: WindowTvfChain): boolean {
  return chain.nodes.some((node) =>
    node.kind === 'filter'
      ? readsWindowColumns(node.predicate, chain.tvf)
      : correlateArguments(node.function).some((arg) => readsWindowColumns(arg, chain.tvf)));
}

/** `expr` over `schema` (columns above the TVF), rewritten over the chain rebuilt without the window columns. */
export function withoutWindowColumns(expr: Expr, tvf: WindowTvfNode, schema: Schema): Expr {
  const width = tvf.input.schema.fields.length;
  return rewriteColumns(expr, (index) => ({ kind: 'column', index: index >= width + 3 ? index - 3 : index, type: schema.fields[index]!.type }));
}

/** The chain rebuilt over the TVF's input (no window columns); none of its nodes may read them. */
export function rebuildWithoutWindow(chain: WindowTvfChain): LogicalPlan {
  let input: LogicalPlan = chain.tvf.input;
  for (const node of [...chain.nodes].reverse()) {
    const over = node.input.schema;
    if (node.kind === 'filter') {
      input = { ...node, input, predicate: withoutWindowColumns(node.predicate, chain.tvf, over), schema: input.schema };
    } else {
      const produced = node.schema.fields.slice(over.fields.length);
      const fn = node.function;
      const rebound = withCorrelateArguments(fn, correlateArguments(fn).map((arg) => withoutWindowColumns(arg, chain.tvf, over)));
      input = { ...node, input, function: rebound, schema: { fields: [...input.schema.fields, ...produced] } };
    }
  }
  return input;
}
