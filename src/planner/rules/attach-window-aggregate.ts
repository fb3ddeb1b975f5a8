/**
 * Rule `AttachWindowAggregate`: an aggregate that groups by the window_start and window_end columns a window
 * aggregation produced (kept or renamed through projections and filters) is itself a window aggregation over those
 * windows, as in Flink (its windowing strategy "attached" to the input's window columns). Pattern:
 *
 *   Aggregate(keys ⊇ {ws, we}) ← Project ← (Project | Filter)* ← WindowAggregate(TUMBLE | HOP | CUMULATE)
 *
 * where ws / we trace back to the WindowAggregate's window_start / window_end. Each row belongs to exactly the
 * window it names, [ws, we); a window fires when the watermark reaches we − 1, just after the input window fired
 * and emitted its rows. So Nexmark q5's `MAX(num) … GROUP BY starttime, endtime` over its HOP counts is append-only,
 * one row per window, instead of an updating GROUP BY that revises its maximum with every count (and makes the join
 * after it retract and re-emit). Windows over a TIMESTAMP_LTZ rowtime (their columns are wall clocks of the session
 * zone) and GROUPING SETS are left to the GROUP BY.
 */
import { columnExpr } from '../../dataflow/expr.js';
import type { AlignedWindowSpec } from '../../dataflow/graph.js';
import type { LogicalPlan, ProjectNode, WindowAggregateNode } from '../logical/plan.js';
import type { RewriteRule } from './rule.js';

export const attachWindowAggregate: RewriteRule = {
  name: 'AttachWindowAggregate',
  apply(plan) {
    if (plan.kind !== 'aggregate' || plan.input.kind !== 'project' || plan.groupingSets) return undefined;
    const project = plan.input;
    const columns = windowColumns(project.input);
    if (!columns) return undefined;
    const role = (keyPosition: number): 'start' | 'end' | null => {
      const expr = project.exprs[plan.keys[keyPosition]!]!;
      if (expr.kind !== 'column') return null;
      return expr.index === columns.start ? 'start' : expr.index === columns.end ? 'end' : null;
    };
    const roles = plan.keys.map((_, i) => role(i));
    if (!roles.includes('start') || !roles.includes('end')) return undefined;

    // The WindowAggregate's input: the other keys, then the aggregates' arguments, then window_start, window_end.
    const otherKeys = plan.keys.filter((_, i) => roles[i] === null);
    const argProjections = project.exprs.map((_, i) => i).filter((i) => !plan.keys.includes(i));
    const kept = [...otherKeys, ...argProjections];
    const newIndex = new Map(kept.map((old, i) => [old, i]));
    const startKey = plan.keys[roles.indexOf('start')]!;
    const endKey = plan.keys[roles.indexOf('end')]!;
    const inputExprs = [...kept, startKey, endKey].map((i) => project.exprs[i]!);
    const preProject: ProjectNode = {
      kind: 'project',
      input: project.input,
      exprs: inputExprs,
      schema: { fields: [...kept, startKey, endKey].map((i) => project.schema.fields[i]!) },
    };
    const keyFields = otherKeys.map((k) => plan.schema.fields[plan.keys.indexOf(k)]!);
    const aggFields = plan.schema.fields.slice(plan.keys.length);
    const windowAggregate: WindowAggregateNode = {
      kind: 'window-aggregate',
      input: preProject,
      window: columns.window,
      attached: { startIndex: kept.length, endIndex: kept.length + 1 },
      timeIndex: kept.length + 1,
      timeColumn: preProject.schema.fields[kept.length + 1]!.name,
      keys: otherKeys.map((_, i) => i),
      aggregates: plan.aggregates.map((a) => (a.argIndex === null ? a : { ...a, argIndex: newIndex.get(a.argIndex)! })),
      lateTable: columns.lateTable,
      schema: { fields: [...keyFields, ...columns.windowFields, ...aggFields] },
    };
    // Restore the Aggregate's layout: keys in GROUP BY order, then the aggregates.
    const fields = windowAggregate.schema.fields;
    const base = otherKeys.length;
    let nextOther = 0;
    const keyColumns = roles.map((r) => {
      const index = r === 'start' ? base : r === 'end' ? base + 1 : nextOther++;
      return columnExpr(index, fields[index]!.type);
    });
    const aggColumns = plan.aggregates.map((_, j) => columnExpr(base + 3 + j, fields[base + 3 + j]!.type));
    const exprs = [...keyColumns, ...aggColumns];
    return { kind: 'project', input: windowAggregate, exprs, schema: { fields: exprs.map((e, i) => ({ ...plan.schema.fields[i]!, type: e.type })) } };
  },
};

interface WindowColumns {
  readonly start: number;
  readonly end: number;
  readonly window: AlignedWindowSpec;
  readonly lateTable: string;
  /** The WindowAggregate's window_start, window_end and window_time fields. */
  readonly windowFields: WindowAggregateNode['schema']['fields'];
}

/** Where `plan`'s output carries the window_start and window_end of a window aggregation below it, if it does. */
function windowColumns(plan: LogicalPlan): WindowColumns | undefined {
  switch (plan.kind) {
    case 'window-aggregate': {
      if (plan.window.kind === 'session' || plan.window.ltz || plan.window.timeMode === 'processing' || plan.groupingSets) return undefined;
      const start = plan.keys.length;
      return { start, end: start + 1, window: plan.window, lateTable: plan.lateTable, windowFields: plan.schema.fields.slice(start, start + 3) };
    }
    case 'filter':
      return windowColumns(plan.input);
    case 'project': {
      const below = windowColumns(plan.input);
      if (!below) return undefined;
      const at = (index: number) => plan.exprs.findIndex((e) => e.kind === 'column' && e.index === index);
      const start = at(below.start);
      const end = at(below.end);
      return start >= 0 && end >= 0 ? { ...below, start, end } : undefined;
    }
    default:
      return undefined;
  }
}
