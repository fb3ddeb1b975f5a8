/** EXPLAIN's details, as Flink's ExplainDetail: what each adds to the plan Sluice prints. */
import { NotImplementedError } from '../common/errors.js';
import type { ExplainDetail } from '../parser/ast.js';
import { executionPlanJson } from '../planner/explain-json.js';
import type { PlannedJob } from '../planner/index.js';

/**
 * EXPLAIN with Flink's details: CHANGELOG_MODE is what Sluice's plans always show; JSON_EXECUTION_PLAN adds the graph
 * as JSON; ESTIMATED_COST and PLAN_ADVICE need a cost model and advice rules Sluice does not have.
 */
export function explainText(planned: PlannedJob, details: readonly ExplainDetail[] = []): string {
  for (const detail of details) {
    if (detail.name === 'ESTIMATED_COST' || detail.name === 'PLAN_ADVICE') {
      throw new NotImplementedError(`EXPLAIN ${detail.name} is not supported yet: Sluice's planner has no ${detail.name === 'ESTIMATED_COST' ? 'cost model' : 'plan advice'}`, { position: detail.position });
    }
  }
  if (!details.some((detail) => detail.name === 'JSON_EXECUTION_PLAN')) return planned.explain;
  return `${planned.explain}\n\n== Physical Execution Plan ==\n${executionPlanJson(planned.graph)}`;
}
