/** A rewrite rule: looks at one node and returns a replacement, or undefined if it does not apply. */
import type { LogicalPlan } from '../logical/plan.js';

export interface RewriteRule {
  /** Stable name, shown by EXPLAIN. */
  readonly name: string;
  apply(plan: LogicalPlan): LogicalPlan | undefined;
}
