/** Window table-valued functions in FROM: TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset]). */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { formatType, isRowtime, withoutRowtime, TIMESTAMP3, timestamp } from '../../common/types.js';
import type { WindowSpec } from '../../dataflow/graph.js';
import type { Expression, TvfArgument, WindowTvf } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import { resolveColumn } from '../binder/scope.js';
import type { WindowTvfNode, LogicalPlan } from '../logical/plan.js';
import type { PlannedRelation } from './context.js';

const SUPPORTED_SOON = new Set(['HOP', 'CUMULATE', 'SESSION']);

export function planWindowTvf(tvf: WindowTvf, input: PlannedRelation): PlannedRelation {
  if (SUPPORTED_SOON.has(tvf.fn)) {
    throw new NotImplementedError(`${tvf.fn} windows are not supported yet (only TUMBLE)`, { position: tvf.fnPosition });
  }
  if (tvf.fn !== 'TUMBLE') throw new PlanError(`Unknown window function '${tvf.fn}'; expected TUMBLE, HOP, CUMULATE or SESSION`, { position: tvf.fnPosition });
  if (tvf.partitionBy.length > 0) {
    throw new PlanError('PARTITION BY is only allowed in SESSION windows', { position: tvf.partitionBy[0]!.position });
  }
  const timeColumn = resolveColumn(tvf.descriptor, input.scope);
  if (!isRowtime(timeColumn.type)) {
    throw new PlanError(
      `The window function requires the time column to be a time attribute (a column with a WATERMARK), but '${timeColumn.name}' is ${formatType(timeColumn.type)}`,
      { position: tvf.descriptor.position },
    );
  }
  const args = namedArguments(tvf, ['SIZE', 'OFFSET']);
  const size = intervalArgument(args.get('SIZE'), 'SIZE', tvf);
  if (size === undefined) throw new PlanError('TUMBLE needs a window size, e.g. INTERVAL \'10\' MINUTES', { position: tvf.fnPosition });
  if (size <= 0) throw new PlanError('TUMBLE window size must be positive', { position: args.get('SIZE')!.position });
  const offset = intervalArgument(args.get('OFFSET'), 'OFFSET', tvf) ?? 0;
  if (Math.abs(offset) >= size) {
    throw new PlanError('TUMBLE window offset must be smaller than its size', { position: args.get('OFFSET')!.position });
  }
  const window: WindowSpec = { kind: 'tumble', size, offset };
  const plan = windowTvfNode(input.plan, window, timeColumn.index, timeColumn.name);
  const qualifier = tvf.alias?.name ?? input.scope.columns[0]?.qualifier ?? null;
  return {
    plan,
    scope: { columns: plan.schema.fields.map((f, index) => ({ name: f.name, qualifier, type: f.type, nullable: f.nullable, index })) },
  };
}

export function windowTvfNode(input: LogicalPlan, window: WindowSpec, timeIndex: number, timeColumn: string): WindowTvfNode {
  const fields = input.schema.fields.map((f) => ({ ...f, type: withoutRowtime(f.type) }));
  fields.push({ name: 'window_start', type: TIMESTAMP3, nullable: false });
  fields.push({ name: 'window_end', type: TIMESTAMP3, nullable: false });
  fields.push({ name: 'window_time', type: timestamp(3, true), nullable: false });
  return { kind: 'window-tvf', input, window, timeIndex, timeColumn, lateTable: originTable(input), schema: { fields } };
}

/** The table a plan reads (the first scan below it), whose late-records counter counts rows dropped here. */
export function originTable(plan: LogicalPlan): string {
  return plan.kind === 'scan' ? plan.table.name : originTable(plan.input);
}

function namedArguments(tvf: WindowTvf, order: readonly string[]): Map<string, TvfArgument> {
  const result = new Map<string, TvfArgument>();
  tvf.args.forEach((arg, i) => {
    const name = arg.name ?? order[i];
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
  if (bound.kind !== 'literal' || bound.type.kind !== 'INTERVAL' || typeof bound.value !== 'number') {
    throw new PlanError(`The ${name} argument of ${tvf.fn} must be an interval literal such as INTERVAL '10' MINUTES, but is ${formatType(bound.type)}`, {
      position: arg.position,
    });
  }
  return bound.value;
}
