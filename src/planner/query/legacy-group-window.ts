/**
 * Flink's legacy group-window syntax, rewritten onto the window TVFs:
 *
 *   SELECT TUMBLE_START(ts, INTERVAL '1' HOUR), k, COUNT(*) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' HOUR), k
 *
 * becomes a TUMBLE TVF over the (filtered) input, grouped by window_start, window_end, k; TUMBLE_START / _END /
 * _ROWTIME (_PROCTIME over a PROCTIME() attribute; and the HOP_ and SESSION_ variants) become window_start /
 * window_end / window_time. HOP takes (time, slide, size); SESSION takes (time, gap) and forms sessions per the other
 * GROUP BY keys, as Flink does. Windows over a PROCTIME() attribute fire on the wall clock.
 */
import { PlanError } from '../../common/errors.js';
import { formatType, isLtzRowtime, isProctime, isRowtime } from '../../common/types.js';
import type { WindowSpec } from '../../dataflow/graph.js';
import type { ColumnRef, Expression, FunctionCall, Query } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import { resolveColumn } from '../binder/scope.js';
import { canonicalText, mapExpression } from './ast-utils.js';
import type { PlannedRelation } from './context.js';
import { windowTvfNode } from './window-tvf.js';

const GROUP_WINDOWS = new Set(['TUMBLE', 'HOP', 'SESSION']);
const AUXILIARY: Record<string, 'window_start' | 'window_end' | 'window_time'> = {
  START: 'window_start', END: 'window_end', ROWTIME: 'window_time', PROCTIME: 'window_time',
};

export function isLegacyGroupWindow(node: Expression): node is FunctionCall {
  return node.kind === 'call' && GROUP_WINDOWS.has(node.name.name.toUpperCase());
}

/** Rewrites a query grouped by a legacy group window; undefined if it has none. */
export function rewriteLegacyGroupWindow(query: Query, input: PlannedRelation): { query: Query; input: PlannedRelation } | undefined {
  const windows = query.groupBy.filter(isLegacyGroupWindow);
  if (windows.length === 0) return undefined;
  if (windows.length > 1) throw new PlanError('Only one group window is allowed in GROUP BY', { position: windows[1]!.position });
  const call = windows[0]!;
  const fn = call.name.name.toUpperCase();
  const [timeArg, ...intervalArgs] = call.args;
  if (!timeArg || timeArg.kind !== 'column') {
    throw new PlanError(`The first argument of group window ${fn} must be a time attribute column`, { position: call.position });
  }
  const time = resolveColumn(timeArg, input.scope);
  const processing = isProctime(time.type);
  if (!processing && !isRowtime(time.type)) {
    throw new PlanError(`Window aggregate can only be defined over a time attribute column (a column with a WATERMARK), but '${time.name}' is ${formatType(time.type)}`, { position: timeArg.position });
  }
  const intervals = intervalArgs.map((arg) => interval(arg, fn));
  const otherKeys = query.groupBy.filter((key) => key !== call);
  const aligned = spec(fn, intervals, call, otherKeys, input);
  // Over a TIMESTAMP_LTZ rowtime the windows follow the session zone's wall clock, as the window TVFs do; over a
  // PROCTIME() attribute they fire on the wall clock.
  const window: WindowSpec = processing ? { ...aligned, ltz: true, timeMode: 'processing' } : isLtzRowtime(time.type) ? { ...aligned, ltz: true } : aligned;
  const plan = windowTvfNode(input.plan, window, time.index, time.name);
  const width = input.scope.columns.length;
  const scope = {
    columns: [
      ...input.scope.columns,
      ...(['window_start', 'window_end', 'window_time'] as const).map((name, i) => ({
        name, qualifier: null, type: plan.schema.fields[width + i]!.type, nullable: false, index: width + i,
      })),
    ],
  };
  const windowText = canonicalText(call);
  const replace = (node: Expression): Expression | undefined => {
    if (node.kind !== 'call') return undefined;
    const match = /^(TUMBLE|HOP|SESSION)_(START|END|ROWTIME|PROCTIME)$/i.exec(node.name.name);
    if (!match) return undefined;
    const auxiliary = match[2]!.toUpperCase();
    if ((auxiliary === 'ROWTIME' && processing) || (auxiliary === 'PROCTIME' && !processing)) {
      const attribute = processing ? 'processing-time' : 'event-time';
      throw new PlanError(`${node.name.name.toUpperCase()}(…) does not apply to a window over an ${attribute} attribute; use ${fn}_${processing ? 'PROCTIME' : 'ROWTIME'}`, { position: node.position });
    }
    const asWindow = { ...node, name: { ...node.name, name: match[1]! } };
    if (match[1]!.toUpperCase() !== fn || canonicalText(asWindow) !== windowText) {
      throw new PlanError(`${node.name.name.toUpperCase()}(…) must repeat the GROUP BY window ${fn}(…) with the same arguments`, { position: node.position });
    }
    return columnRef(AUXILIARY[auxiliary]!, node);
  };
  const rewritten: Query = {
    ...query,
    groupBy: [...otherKeys, columnRef('window_start', call), columnRef('window_end', call), columnRef('window_time', call)],
    items: query.items.map((item) => ({ ...item, expr: item.expr.kind === 'star' ? item.expr : mapExpression(item.expr, replace) })),
    having: query.having ? mapExpression(query.having, replace) : null,
  };
  return { query: rewritten, input: { plan, scope } };
}

function spec(fn: string, intervals: readonly number[], call: FunctionCall, otherKeys: readonly Expression[], input: PlannedRelation): WindowSpec {
  const arity = (n: number, form: string): void => {
    if (intervals.length !== n) throw new PlanError(`Group window ${fn} takes ${form}`, { position: call.position });
  };
  if (fn === 'TUMBLE') {
    arity(1, '(time_attr, size)');
    return { kind: 'tumble', size: intervals[0]!, offset: 0 };
  }
  if (fn === 'HOP') {
    arity(2, '(time_attr, slide, size)');
    const [slide, size] = intervals as [number, number];
    if (size % slide !== 0) throw new PlanError(`HOP window size must be an integral multiple of its slide`, { position: call.position });
    return { kind: 'hop', size, slide, offset: 0 };
  }
  arity(1, '(time_attr, gap)');
  const partitionKeys = otherKeys.map((key) => {
    if (key.kind !== 'column') throw new PlanError('With a SESSION group window, the other GROUP BY keys must be columns', { position: key.position });
    return resolveColumn(key, input.scope).index;
  });
  return { kind: 'session', gap: intervals[0]!, partitionKeys };
}

function interval(arg: Expression, fn: string): number {
  const bound = bindExpression(arg, { columns: [] }, { clause: `group window ${fn}` });
  if (bound.kind !== 'literal' || bound.type.kind !== 'INTERVAL' || typeof bound.value !== 'number' || bound.value <= 0) {
    throw new PlanError(`Group window ${fn} needs positive interval literals such as INTERVAL '1' HOUR`, { position: arg.position });
  }
  return bound.value;
}

function columnRef(name: string, at: Expression): ColumnRef {
  return { kind: 'column', position: at.position, path: [{ kind: 'identifier', name, quoted: true, position: at.position }] };
}
