/**
 * Which window property a column of a plan carries: window_start, window_end or window_time of a window TVF (or
 * of a window aggregation), or the TVF's time column, followed through projections, filters and window ranks.
 */
import type { LogicalPlan } from '../logical/plan.js';

const WINDOW_ROLES = ['window_start', 'window_end', 'window_time'] as const;

export interface WindowColumnOrigin {
  readonly role: (typeof WINDOW_ROLES)[number] | 'time';
  /** Whether the column comes from a SESSION window TVF. */
  readonly sessionTvf: boolean;
  /** Whether the window is over a TIMESTAMP_LTZ rowtime (its bounds are wall clocks of the session zone). */
  readonly ltz?: boolean;
}

export function windowColumnOf(plan: LogicalPlan, index: number): WindowColumnOrigin | undefined {
  switch (plan.kind) {
    case 'project': {
      const expr = plan.exprs[index];
      return expr?.kind === 'column' ? windowColumnOf(plan.input, expr.index) : undefined;
    }
    case 'filter':
      return windowColumnOf(plan.input, index);
    case 'window-tvf': {
      const width = plan.input.schema.fields.length;
      const sessionTvf = plan.window.kind === 'session';
      const ltz = plan.window.ltz === true;
      if (index >= width && index < width + 3) return { role: WINDOW_ROLES[index - width]!, sessionTvf, ltz };
      if (index === plan.timeIndex) return { role: 'time', sessionTvf, ltz };
      return undefined;
    }
    case 'window-aggregate': {
      const name = plan.schema.fields[index]?.name;
      const role = WINDOW_ROLES.find((r) => r === name);
      return role ? { role, sessionTvf: false, ltz: plan.window.ltz === true } : undefined;
    }
    case 'window-rank':
    case 'correlate':
      return index < plan.input.schema.fields.length ? windowColumnOf(plan.input, index) : undefined;
    default:
      return undefined;
  }
}
