/**
 * Rule `FuseWindowAggregate`: an aggregate that groups by the window_start and window_end of a window TVF
 * becomes one WindowAggregate over the TVF's input (Flink's window aggregation). Pattern:
 *
 *   Aggregate(keys ⊇ {window_start, window_end}) ← Project ← (Filter | Correlate)* ← WindowTvf ← X
 *
 * where the Project, Filters and Correlates (UNNEST, LATERAL TABLE) read no window column other than as those
 * grouping keys (or window_time as a key). The result emits each window once, when it closes; a Project restores
 * the Aggregate's column order.
 *
 * SESSION windows: sessions are formed per PARTITION BY key and rows aggregated per group key within a session
 * (Flink's session window aggregation), so every partition key must also be a GROUP BY key; its index is remapped
 * to that key's column of the WindowAggregate's input. Without PARTITION BY, sessions span the whole stream and
 * rows aggregate per group key within each session.
 */
import { NotImplementedError } from '../../common/errors.js';
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { AggregateCall, SessionWindowSpec, WindowSpec } from '../../dataflow/graph.js';
import type { Schema } from '../../dataflow/schema.js';
import { windowFunctionPosition } from '../query/window-tvf.js';
import type { ProjectNode, WindowAggregateNode, WindowTvfNode } from '../logical/plan.js';
import { chainReadsWindow, readsWindowColumns, rebuildWithoutWindow, windowTvfChain, withoutWindowColumns } from './window-tvf-chain.js';
import type { RewriteRule } from './rule.js';
import { requireMerge } from '../query/user-aggregate-call.js';

export const fuseWindowAggregate: RewriteRule = {
  name: 'FuseWindowAggregate',
  apply(plan) {
    if (plan.kind !== 'aggregate' || plan.input.kind !== 'project') return undefined;
    const project = plan.input;
    const chain = windowTvfChain(project.input);
    if (!chain) return undefined;
    const tvf: WindowTvfNode = chain.tvf;
    const width = tvf.input.schema.fields.length;
    const [startIndex, endIndex, timeIndex] = [width, width + 1, width + 2];
    const windowRole = (keyPosition: number): 'start' | 'end' | 'time' | null => {
      const e = project.exprs[plan.keys[keyPosition]!]!;
      if (e.kind !== 'column') return null;
      return e.index === startIndex ? 'start' : e.index === endIndex ? 'end' : e.index === timeIndex ? 'time' : null;
    };
    const roles = plan.keys.map((_, i) => windowRole(i));
    if (!roles.includes('start') || !roles.includes('end')) return undefined;
    // With GROUPING SETS, the window columns must be grouped in every set (written beside the sets).
    const sets = plan.groupingSets;
    if (sets && !sets.every((set) => roles.every((role, i) => role === null || set.includes(i)))) return undefined;
    if (sets && tvf.window.kind === 'session') {
      const position = windowFunctionPosition(tvf.window);
      throw new NotImplementedError('GROUPING SETS over SESSION windows are not supported yet', position ? { position } : {});
    }
    // Every other expression must only read the TVF's input columns (or columns correlates produced).
    const keyProjections = new Set(plan.keys.filter((_, i) => roles[i] !== null));
    if (project.exprs.some((e, i) => !keyProjections.has(i) && readsWindowColumns(e, tvf))) return undefined;
    if (chainReadsWindow(chain)) return undefined;

    // Rebuild the chain over X (X's column indexes unchanged; columns produced by correlates move down by three).
    const input = rebuildWithoutWindow(chain);
    const over = (i: number): Expr => withoutWindowColumns(project.exprs[i]!, tvf, project.input.schema);
    const otherKeys = plan.keys.filter((_, i) => roles[i] === null);
    const argProjections = project.exprs.map((_, i) => i).filter((i) => !plan.keys.includes(i));
    const kept = [...otherKeys, ...argProjections];
    const newIndex = new Map(kept.map((old, i) => [old, i]));
    const timeField = tvf.input.schema.fields[tvf.timeIndex]!;
    const preProject: ProjectNode = {
      kind: 'project',
      input,
      exprs: [...kept.map(over), columnExpr(tvf.timeIndex, timeField.type)],
      schema: { fields: [...kept.map((i) => project.schema.fields[i]!), timeField] },
    };
    const aggregates: AggregateCall[] = plan.aggregates.map((a) => (a.argIndex === null ? a : { ...a, argIndex: newIndex.get(a.argIndex)! }));
    const keyFields = otherKeys.map((k) => plan.schema.fields[plan.keys.indexOf(k)]!);
    const setFields = sets ? [plan.schema.fields[plan.keys.length]!] : [];
    const aggFields = plan.schema.fields.slice(plan.keys.length + setFields.length);
    const windowSets = sets?.map((set) => set.filter((p) => roles[p] === null).map((p) => otherKeys.indexOf(plan.keys[p]!)));
    if (tvf.window.kind === 'session') requireMerge(plan.aggregates, 'SESSION');
    const windowAggregate: WindowAggregateNode = {
      kind: 'window-aggregate',
      input: preProject,
      window: tvf.window.kind === 'session' ? sessionOverGroupKeys(tvf.window, otherKeys.map(over), tvf.input.schema) : tvf.window,
      timeIndex: kept.length,
      timeColumn: tvf.timeColumn,
      keys: otherKeys.map((_, i) => i),
      aggregates,
      ...(windowSets ? { groupingSets: windowSets } : {}),
      lateTable: tvf.lateTable,
      schema: {
        fields: [
          ...keyFields,
          ...setFields,
          tvf.schema.fields[startIndex]!,
          tvf.schema.fields[endIndex]!,
          tvf.schema.fields[timeIndex]!,
          ...aggFields,
        ],
      },
    };
    // Restore the Aggregate's layout: keys in GROUP BY order, the grouping set's number, then aggregates.
    const waFields = windowAggregate.schema.fields;
    const base = otherKeys.length + setFields.length;
    let nextOther = 0;
    const keyColumns = roles.map((role) => {
      const index = role === 'start' ? base : role === 'end' ? base + 1 : role === 'time' ? base + 2 : nextOther++;
      return columnExpr(index, waFields[index]!.type);
    });
    const setColumns = setFields.map(() => columnExpr(otherKeys.length, waFields[otherKeys.length]!.type));
    const aggColumns = plan.aggregates.map((_, j) => columnExpr(base + 3 + j, waFields[base + 3 + j]!.type));
    const exprs = [...keyColumns, ...setColumns, ...aggColumns];
    return {
      kind: 'project',
      input: windowAggregate,
      exprs,
      schema: { fields: exprs.map((e, i) => ({ ...plan.schema.fields[i]!, type: e.type })) },
    };
  },
};

/**
 * The session window with its partition keys (columns of the TVF's input) remapped to the WindowAggregate's input,
 * whose first columns are the non-window group keys: each partition key must be one of them, as a plain column.
 */
function sessionOverGroupKeys(window: SessionWindowSpec, groupKeys: readonly Expr[], tvfInput: Schema): WindowSpec {
  const partitionKeys = window.partitionKeys.map((column) => {
    const index = groupKeys.findIndex((e) => e.kind === 'column' && e.index === column);
    if (index < 0) {
      const position = windowFunctionPosition(window);
      throw new NotImplementedError(
        `A window aggregation over a SESSION window must GROUP BY every PARTITION BY column, but '${tvfInput.fields[column]!.name}' is not a GROUP BY key`,
        { ...(position ? { position } : {}), hint: `add it to the GROUP BY, or drop it from PARTITION BY` },
      );
    }
    return index;
  });
  return { ...window, partitionKeys };
}
