/**
 * Logical plan nodes: what a query computes, before it is lowered to operators. Every node has an output schema
 * (named, typed fields). Rewrite rules in `src/planner/rules/` turn one shape into another.
 */
import type { AggregateCall, ConnectorDescriptor, WindowSpec } from '../../dataflow/graph.js';
import type { Expr } from '../../dataflow/expr.js';
import type { Schema } from '../../dataflow/schema.js';
import type { CatalogTable } from '../catalog.js';

export interface ScanNode {
  readonly kind: 'scan';
  readonly table: CatalogTable;
  /** Physical columns, then computed columns, in declaration order: the table's columns. */
  readonly schema: Schema;
}

export interface ProjectNode {
  readonly kind: 'project';
  readonly input: LogicalPlan;
  readonly exprs: readonly Expr[];
  readonly schema: Schema;
}

export interface FilterNode {
  readonly kind: 'filter';
  readonly input: LogicalPlan;
  readonly predicate: Expr;
  readonly schema: Schema;
}

/** A window TVF: input columns (time attributes materialised) + window_start, window_end, window_time. */
export interface WindowTvfNode {
  readonly kind: 'window-tvf';
  readonly input: LogicalPlan;
  readonly window: WindowSpec;
  readonly timeIndex: number;
  readonly timeColumn: string;
  readonly lateTable: string;
  readonly schema: Schema;
}

/** GROUP BY over column indexes of the input; output = keys…, aggregates…. */
export interface AggregateNode {
  readonly kind: 'aggregate';
  readonly input: LogicalPlan;
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly schema: Schema;
}

/** Produced by the fuse-window-aggregate rule; output = keys…, window_start, window_end, window_time, aggregates…. */
export interface WindowAggregateNode {
  readonly kind: 'window-aggregate';
  readonly input: LogicalPlan;
  readonly window: WindowSpec;
  readonly timeIndex: number;
  readonly timeColumn: string;
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly lateTable: string;
  readonly schema: Schema;
}

export interface SinkNode {
  readonly kind: 'sink';
  readonly input: LogicalPlan;
  readonly connector: ConnectorDescriptor;
  readonly schema: Schema;
}

export interface CollectNode {
  readonly kind: 'collect';
  readonly input: LogicalPlan;
  readonly schema: Schema;
}

export type LogicalPlan =
  | ScanNode
  | ProjectNode
  | FilterNode
  | WindowTvfNode
  | AggregateNode
  | WindowAggregateNode
  | SinkNode
  | CollectNode;

export function inputsOf(plan: LogicalPlan): LogicalPlan[] {
  return plan.kind === 'scan' ? [] : [plan.input];
}

/** Whether a plan's output can carry updates (-U/+U/-D). */
export function isUpdating(plan: LogicalPlan): boolean {
  switch (plan.kind) {
    case 'scan':
      return false;
    case 'aggregate':
      return true;
    case 'window-aggregate':
      return false;
    default:
      return isUpdating(plan.input);
  }
}
