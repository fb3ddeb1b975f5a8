/**
 * Where a column's values come from, as far as windows go: whether column `index` of a plan's output is the
 * window_start, window_end or window_time of a window TVF or window aggregation below it (passed through
 * unchanged by projections, filters, window ranks and inner window joins). Window joins use this to check that
 * their ON condition equates both inputs' window bounds, and that both inputs share one windowing.
 */
import type { WindowSpec } from '../../dataflow/graph.js';
import type { LogicalPlan } from '../logical/plan.js';

export type WindowBoundRole = 'start' | 'end' | 'time';

export interface WindowBound {
  readonly role: WindowBoundRole;
  readonly window: WindowSpec;
}

const ROLES: readonly WindowBoundRole[] = ['start', 'end', 'time'];

/** The window property column `index` of `plan` carries, or undefined for any other column. */
export function windowBoundOf(plan: LogicalPlan, index: number): WindowBound | undefined {
  switch (plan.kind) {
    case 'project': {
      const expr = plan.exprs[index];
      return expr?.kind === 'column' ? windowBoundOf(plan.input, expr.index) : undefined;
    }
    case 'filter':
      return windowBoundOf(plan.input, index);
    case 'window-tvf': {
      const width = plan.input.schema.fields.length;
      const role = ROLES[index - width];
      return role ? { role, window: plan.window } : windowBoundOf(plan.input, index);
    }
    case 'window-aggregate': {
      const first = plan.keys.length + (plan.groupingSets ? 1 : 0);
      const role = ROLES[index - first];
      return role ? { role, window: plan.window } : undefined;
    }
    case 'window-rank':
    case 'correlate':
      return index < plan.input.schema.fields.length ? windowBoundOf(plan.input, index) : undefined;
    case 'window-join': {
      // Only the side that is never padded with NULLs keeps its window bounds on every row.
      const leftWidth = plan.left.schema.fields.length;
      if (index < leftWidth) return plan.joinType === 'inner' || plan.joinType === 'left' ? windowBoundOf(plan.left, index) : undefined;
      return plan.joinType === 'inner' || plan.joinType === 'right' ? windowBoundOf(plan.right, index - leftWidth) : undefined;
    }
    default:
      // Scans, unbounded aggregates (which update), sinks: no window bounds.
      return undefined;
  }
}

/** Whether two windowings assign rows to the same windows. */
export function sameWindowing(a: WindowSpec, b: WindowSpec): boolean {
  switch (a.kind) {
    case 'tumble':
      return b.kind === 'tumble' && a.size === b.size && a.offset === b.offset;
    case 'hop':
      return b.kind === 'hop' && a.size === b.size && a.slide === b.slide && a.offset === b.offset;
    case 'cumulate':
      return b.kind === 'cumulate' && a.maxSize === b.maxSize && a.step === b.step && a.offset === b.offset;
    case 'session':
      return b.kind === 'session' && a.gap === b.gap;
  }
}
