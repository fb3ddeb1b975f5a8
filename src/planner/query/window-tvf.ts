/**
 * Window table-valued functions in FROM: TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset]),
 * HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset]), CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset]),
 * SESSION(TABLE t [PARTITION BY k, …], DESCRIPTOR(ts), gap); named arguments as in Flink.
 */
import { NotImplementedError, PlanError, type SourcePosition } from '../../common/errors.js';
import { formatDuration } from '../../common/time.js';
import { formatType, isProctime, isRowtime, withoutRowtime, PROCTIME_TYPE, TIMESTAMP3, timestamp, timestampLtz } from '../../common/types.js';
import type { WindowSpec } from '../../dataflow/graph.js';
import type { Expression, TvfArgument, WindowTvf } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import { resolveColumn } from '../binder/scope.js';
import type { WindowTvfNode, LogicalPlan } from '../logical/plan.js';
import type { PlannedRelation } from './context.js';

/** Positional argument names after DATA and TIMECOL, as Flink names them. */
const ARGUMENTS: Record<string, readonly string[]> = {
  TUMBLE: ['SIZE', 'OFFSET'],
  HOP: ['SLIDE', 'SIZE', 'OFFSET'],
  CUMULATE: ['STEP', 'SIZE', 'OFFSET'],
  SESSION: ['GAP'],
};

export function planWindowTvf(tvf: WindowTvf, input: PlannedRelation): PlannedRelation {
  const names = ARGUMENTS[tvf.fn];
  if (!names) throw new PlanError(`Unknown window function '${tvf.fn}'; expected TUMBLE, HOP, CUMULATE or SESSION`, { position: tvf.fnPosition });
  if (tvf.partitionBy.length > 0 && tvf.fn !== 'SESSION') {
    throw new PlanError('PARTITION BY is only allowed in SESSION windows', { position: tvf.partitionBy[0]!.position });
  }
  const timeColumn = resolveColumn(tvf.descriptor, input.scope);
  const processingTime = isProctime(timeColumn.type);
  if (!isRowtime(timeColumn.type) && !processingTime) {
    throw new PlanError(
      `The window function requires the time column to be a time attribute (a column with a WATERMARK), but '${timeColumn.name}' is ${formatType(timeColumn.type)}`,
      { position: tvf.descriptor.position },
    );
  }
  const args = namedArguments(tvf, names);
  const alignedWindow = windowSpec(tvf, args, input);
  // Over a TIMESTAMP_LTZ rowtime, windows are split by the session time zone's wall clock (stamped when lowered).
  // So are processing-time windows: PROCTIME() is a TIMESTAMP_LTZ(3) too.
  const eventWindow: WindowSpec = timeColumn.type.kind === 'TIMESTAMP_LTZ' ? { ...alignedWindow, ltz: true } : alignedWindow;
  if (eventWindow !== alignedWindow && alignedWindow.kind === 'session') sessionPositions.set(eventWindow, tvf.fnPosition);
  const window: WindowSpec = processingTime ? { ...eventWindow, timeMode: 'processing' } : eventWindow;
  const plan = windowTvfNode(input.plan, window, timeColumn.index, timeColumn.name);
  const qualifier = tvf.alias?.name ?? input.scope.columns[0]?.qualifier ?? null;
  return {
    plan,
    scope: { columns: plan.schema.fields.map((f, index) => ({ name: f.name, qualifier, type: f.type, nullable: f.nullable, index })) },
  };
}

function windowSpec(tvf: WindowTvf, args: Map<string, TvfArgument>, input: PlannedRelation): WindowSpec {
  const required = (name: string, example: string): { value: number; position: SourcePosition } => {
    const arg = args.get(name);
    const value = intervalArgument(arg, name, tvf);
    if (!arg || value === undefined) throw new PlanError(`${tvf.fn} needs a ${name} argument, e.g. ${example}`, { position: tvf.fnPosition });
    if (value <= 0) throw new PlanError(`The ${name} of a ${tvf.fn} window must be positive, but is ${formatDuration(value)}`, { position: arg.position });
    return { value, position: arg.position };
  };
  const offset = (unit: number): number => {
    const arg = args.get('OFFSET');
    const value = intervalArgument(arg, 'OFFSET', tvf) ?? 0;
    if (arg && Math.abs(value) >= unit) {
      throw new PlanError(`The OFFSET of a ${tvf.fn} window must be smaller than its ${tvf.fn === 'TUMBLE' ? 'size' : 'slide/step'}`, { position: arg.position });
    }
    return value;
  };
  switch (tvf.fn) {
    case 'TUMBLE': {
      const size = required('SIZE', "INTERVAL '10' MINUTES").value;
      return { kind: 'tumble', size, offset: offset(size) };
    }
    case 'HOP': {
      const slide = required('SLIDE', "INTERVAL '5' MINUTES").value;
      const size = required('SIZE', "INTERVAL '10' MINUTES");
      if (size.value % slide !== 0) {
        throw new PlanError(`HOP window size must be an integral multiple of its slide, but size is ${formatDuration(size.value)} and slide is ${formatDuration(slide)}`, { position: size.position });
      }
      return { kind: 'hop', size: size.value, slide, offset: offset(slide) };
    }
    case 'CUMULATE': {
      const step = required('STEP', "INTERVAL '2' MINUTES").value;
      const maxSize = required('SIZE', "INTERVAL '10' MINUTES");
      if (maxSize.value % step !== 0) {
        throw new PlanError(`CUMULATE window max size must be an integral multiple of its step, but size is ${formatDuration(maxSize.value)} and step is ${formatDuration(step)}`, { position: maxSize.position });
      }
      return { kind: 'cumulate', maxSize: maxSize.value, step, offset: offset(step) };
    }
    default: {
      const gap = required('GAP', "INTERVAL '5' MINUTES").value;
      const partitionKeys = tvf.partitionBy.map((ref) => resolveColumn(ref, input.scope).index);
      const session: WindowSpec = { kind: 'session', gap, partitionKeys };
      sessionPositions.set(session, tvf.fnPosition);
      return session;
    }
  }
}

/**
 * Where each planned SESSION window was written, for errors raised by later rewrites (the logical plan nodes
 * carry no positions). Keyed by the spec object, which rewrites pass along unchanged.
 */
const sessionPositions = new WeakMap<WindowSpec, SourcePosition>();

/** The position of the window function that produced `window`, if it was planned from SQL text. */
export function windowFunctionPosition(window: WindowSpec): SourcePosition | undefined {
  return sessionPositions.get(window);
}

export function windowTvfNode(input: LogicalPlan, window: WindowSpec, timeIndex: number, timeColumn: string): WindowTvfNode {
  const fields = input.schema.fields.map((f) => ({ ...f, type: withoutRowtime(f.type) }));
  fields.push({ name: 'window_start', type: TIMESTAMP3, nullable: false });
  fields.push({ name: 'window_end', type: TIMESTAMP3, nullable: false });
  const processingTime = window.timeMode === 'processing';
  // window_start / window_end are wall clocks (TIMESTAMP(3)) also over an LTZ rowtime; window_time is of the rowtime's type.
  const eventTime = window.ltz === true ? timestampLtz(3, true) : timestamp(3, true);
  fields.push({ name: 'window_time', type: processingTime ? PROCTIME_TYPE : eventTime, nullable: false });
  return { kind: 'window-tvf', input, window, timeIndex, timeColumn, lateTable: originTable(input), schema: { fields } };
}

/** The table a plan reads (the first scan below it), whose late-records counter counts rows dropped here. */
export function originTable(plan: LogicalPlan): string {
  if (plan.kind === 'window-join' || plan.kind === 'join') return originTable(plan.left);
  if (plan.kind === 'union') return originTable(plan.inputs[0]!);
  return plan.kind === 'scan' ? plan.table.name : originTable(plan.input);
}

function namedArguments(tvf: WindowTvf, order: readonly string[]): Map<string, TvfArgument> {
  const result = new Map<string, TvfArgument>();
  tvf.args.forEach((arg, i) => {
    const name = arg.name ?? order[i];
    if (name === 'DATA' || name === 'TIMECOL') throw new PlanError(`Argument ${name} of ${tvf.fn} is given twice`, { position: arg.position });
    if (!name || !order.includes(name)) {
      throw new PlanError(
        arg.name ? `Unknown argument '${arg.name}' of ${tvf.fn}; expected ${order.join(', ')}` : `Too many arguments for ${tvf.fn}`,
        { position: arg.position },
      );
    }
    if (result.has(name)) throw new PlanError(`Argument ${name} of ${tvf.fn} is given twice`, { position: arg.position });
    result.set(name, arg);
  });
  return result;
}

function intervalArgument(arg: TvfArgument | undefined, name: string, tvf: WindowTvf): number | undefined {
  if (!arg) return undefined;
  const value: Expression = arg.value;
  const bound = bindExpression(value, { columns: [] }, { clause: `the ${name} argument of ${tvf.fn}` });
  if (bound.type.kind === 'INTERVAL_YEAR_MONTH') {
    // Flink 1.20: "Window aggregate only support SECOND, MINUTE, HOUR, DAY as the time unit".
    throw new NotImplementedError(`Windows of months or years are not supported yet (nor in Flink 1.20): the ${name} argument of ${tvf.fn} must be a day-time interval such as INTERVAL '1' DAY`, {
      position: arg.position,
    });
  }
  if (bound.kind !== 'literal' || bound.type.kind !== 'INTERVAL' || typeof bound.value !== 'number') {
    throw new PlanError(`The ${name} argument of ${tvf.fn} must be an interval literal such as INTERVAL '10' MINUTES, but is ${formatType(bound.type)}`, {
      position: arg.position,
    });
  }
  return bound.value;
}
