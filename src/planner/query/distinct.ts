/**
 * SELECT DISTINCT: a GROUP BY over every output column without aggregates (as Flink plans it). On an append-only
 * input the result is append-only too (a row is emitted once, when first seen); on an updating input it is a
 * changelog (-D when the last copy of a row is retracted). Over a window TVF's window_start and window_end the
 * FuseWindowAggregate rule turns it into a window aggregation, emitted once per window.
 */
import { withoutRowtime } from '../../common/types.js';
import type { AggregateNode } from '../logical/plan.js';
import { scopeForPlan, type PlannedRelation } from './context.js';

export function planDistinct(relation: PlannedRelation): PlannedRelation {
  const input = relation.plan;
  const plan: AggregateNode = {
    kind: 'aggregate',
    input,
    keys: input.schema.fields.map((_, i) => i),
    aggregates: [],
    schema: { fields: input.schema.fields.map((f) => ({ ...f, type: withoutRowtime(f.type) })) },
  };
  return { plan, scope: scopeForPlan(plan, null) };
}
