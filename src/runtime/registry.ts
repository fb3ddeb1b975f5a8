/** One factory per operator kind; a missing kind is a compile error (exhaustive Record). */
import type { GraphNode, OperatorKind, OperatorSpec } from '../dataflow/graph.js';
import { InternalError } from '../common/errors.js';
import type { Operator } from './operator.js';
import type { ConnectorRegistry } from './connector.js';
import { CalcOperator } from './operators/calc.js';
import { CorrelateOperator } from './operators/correlate.js';
import { WatermarkAssignerOperator } from './operators/watermark-assigner.js';
import { WindowTableFunctionOperator } from './operators/window-table-function.js';
import { WindowAggregateOperator } from './operators/window-aggregate.js';
import { SessionWindowTableFunctionOperator } from './operators/session-window-table-function.js';
import { SessionWindowAggregateOperator } from './operators/session-window-aggregate.js';
import { GroupAggregateOperator } from './operators/group-aggregate.js';
import { ChangelogNormalizeOperator } from './operators/changelog-normalize.js';
import { WindowRankOperator } from './operators/window-rank.js';
import { RankOperator } from './operators/rank.js';
import { DeduplicateOperator } from './operators/deduplicate.js';
import { WindowJoinOperator } from './operators/window-join.js';
import { RegularJoinOperator } from './operators/regular-join.js';
import { IntervalJoinOperator } from './operators/interval-join.js';
import { OverAggregateOperator } from './operators/over-aggregate.js';
import { TemporalSortOperator } from './operators/temporal-sort.js';
import { MatchRecognizeOperator } from './operators/match-recognize.js';
import { TemporalJoinOperator } from './operators/temporal-join.js';
import { LookupJoinOperator } from './operators/lookup-join.js';
import { UnionOperator } from './operators/union.js';
import { SinkOperator } from './operators/sink.js';
import { CollectOperator, type CollectTarget } from './operators/collect.js';

export interface OperatorFactoryContext {
  readonly connectors: ConnectorRegistry;
  readonly collectTargets: ReadonlyMap<number, CollectTarget>;
  readonly jobName: string;
  /** Whether the job checkpoints (sinks then commit in two phases). */
  readonly checkpointing: boolean;
  /** Whether the job resumes from a checkpoint or savepoint. */
  readonly restoring: boolean;
  /** Whether expressions use the vector kernels where they apply. */
  readonly vectorized: boolean;
  /** The changelog mode of each input of the node (the planner's): 'append' inputs carry inserts only. */
  readonly inputChangelogs?: readonly GraphNode['changelog'][];
}

type Factory<K extends OperatorKind> = (spec: Extract<OperatorSpec, { kind: K }>, node: GraphNode, context: OperatorFactoryContext) => Operator;

const factories: { [K in Exclude<OperatorKind, 'source'>]: Factory<K> } = {
  calc: (spec, _node, context) => new CalcOperator(spec, context.vectorized),
  correlate: (spec) => new CorrelateOperator(spec),
  'watermark-assigner': (spec, _node, context) => new WatermarkAssignerOperator(spec, Date.now, context.vectorized),
  // Session windows merge as records arrive, so they have operators of their own.
  'window-tvf': (spec) => (spec.window.kind === 'session' ? new SessionWindowTableFunctionOperator(spec) : new WindowTableFunctionOperator(spec)),
  'window-aggregate': (spec) => (spec.window.kind === 'session' ? new SessionWindowAggregateOperator(spec) : new WindowAggregateOperator(spec)),
  'group-aggregate': (spec) => new GroupAggregateOperator(spec),
  'changelog-normalize': (spec) => new ChangelogNormalizeOperator(spec),
  'window-rank': (spec) => new WindowRankOperator(spec),
  rank: (spec) => new RankOperator(spec),
  deduplicate: (spec) => new DeduplicateOperator(spec),
  'over-aggregate': (spec) => new OverAggregateOperator(spec),
  'temporal-sort': (spec) => new TemporalSortOperator(spec),
  'match-recognize': (spec) => new MatchRecognizeOperator(spec),
  'window-join': (spec) => new WindowJoinOperator(spec),
  join: (spec, _node, context) => new RegularJoinOperator(spec, Date.now, (context.inputChangelogs ?? []).map((mode) => mode === 'append')),
  'interval-join': (spec) => new IntervalJoinOperator(spec),
  'temporal-join': (spec) => new TemporalJoinOperator(spec),
  'lookup-join': (spec, _node, context) => new LookupJoinOperator(spec, context.connectors.createLookup(spec.connector, spec.keys.map((k) => k.column))),
  union: () => new UnionOperator(),
  sink: (spec, _node, context) => new SinkOperator(context.connectors.createSink(spec.connector), spec.connector.table, context.jobName, context.checkpointing, context.restoring),
  collect: (_spec, node, context) => {
    const target = context.collectTargets.get(node.id);
    if (!target) throw new InternalError(`No collect target for node ${node.id}`);
    return new CollectOperator(target);
  },
};

export function createOperator(node: GraphNode, context: OperatorFactoryContext): Operator {
  const spec = node.spec;
  if (spec.kind === 'source') throw new InternalError('Sources are driven by the job, not created as operators');
  const factory = factories[spec.kind] as Factory<typeof spec.kind>;
  return factory(spec as never, node, context);
}

/** Short operator names for metrics and summaries, matching EXPLAIN. */
export const OPERATOR_NAMES: Record<OperatorKind, string> = {
  source: 'TableSourceScan',
  calc: 'Calc',
  correlate: 'Correlate',
  'watermark-assigner': 'WatermarkAssigner',
  'window-tvf': 'WindowTableFunction',
  'window-aggregate': 'WindowAggregate',
  'group-aggregate': 'GroupAggregate',
  'changelog-normalize': 'ChangelogNormalize',
  'window-rank': 'WindowRank',
  rank: 'Rank',
  deduplicate: 'Deduplicate',
  'over-aggregate': 'OverAggregate',
  'temporal-sort': 'TemporalSort',
  'match-recognize': 'Match',
  'window-join': 'WindowJoin',
  join: 'Join',
  'interval-join': 'IntervalJoin',
  'temporal-join': 'TemporalJoin',
  'lookup-join': 'LookupJoin',
  union: 'Union',
  sink: 'Sink',
  collect: 'Collect',
};

/**
 * Whether the operator of `node` keeps its result rows in state, so its currentResult() can tell them (queryable
 * state): a GROUP BY, a changelog normalization, a Top-N with ORDER BY (LIMIT alone keeps only counts), a
 * deduplication but keep-first on processing time (which does not keep the row).
 */
export function keepsResultRows(node: GraphNode): boolean {
  const spec = node.spec;
  switch (spec.kind) {
    case 'group-aggregate':
    case 'changelog-normalize':
      return true;
    case 'rank':
      return spec.orderBy.length > 0 || spec.inputUpdates;
    case 'deduplicate':
      return !(spec.keep === 'first-row' && spec.order === 'proctime');
    default:
      return false;
  }
}
