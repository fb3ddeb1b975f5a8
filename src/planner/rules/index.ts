/** The rewrite rules, in the order they run; each is applied bottom-up over the whole plan until nothing changes. */
import type { LogicalPlan } from '../logical/plan.js';
import { fuseWindowAggregate } from './fuse-window-aggregate.js';
import { pruneJoinInputs } from './prune-join-inputs.js';
import { attachWindowAggregate } from './attach-window-aggregate.js';
import type { RewriteRule } from './rule.js';
import { propagateTimeAttributes } from './propagate-time-attributes.js';

export const RULES: readonly RewriteRule[] = [fuseWindowAggregate, attachWindowAggregate, pruneJoinInputs];

export interface RewriteResult {
  readonly plan: LogicalPlan;
  /** Names of the rules that changed the plan, in order. */
  readonly applied: string[];
}

export function rewrite(plan: LogicalPlan, rules: readonly RewriteRule[] = RULES): RewriteResult {
  const applied: string[] = [];
  let current = plan;
  for (const rule of rules) current = applyBottomUp(current, rule, applied);
  if (applied.length > 0) current = propagateTimeAttributes(current);
  return { plan: current, applied };
}

function applyBottomUp(plan: LogicalPlan, rule: RewriteRule, applied: string[]): LogicalPlan {
  const withInputs = plan.kind === 'scan'
    ? plan
    : plan.kind === 'window-join' || plan.kind === 'join'
      ? { ...plan, left: applyBottomUp(plan.left, rule, applied), right: applyBottomUp(plan.right, rule, applied) }
      : plan.kind === 'union'
        ? { ...plan, inputs: plan.inputs.map((input) => applyBottomUp(input, rule, applied)) }
        : ({ ...plan, input: applyBottomUp(plan.input, rule, applied) } as LogicalPlan);
  const replaced = rule.apply(withInputs);
  if (!replaced) return withInputs;
  if (!applied.includes(rule.name)) applied.push(rule.name);
  return replaced;
}
