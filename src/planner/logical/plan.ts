/**
 * Logical plan nodes: what a query computes, before it is lowered to operators. Every node has an output schema
 * (named, typed fields). Rewrite rules in `src/planner/rules/` turn one shape into another.
 */
import type {
  AggregateCall, AttachedWindow, ConnectorDescriptor, LookupCacheSpec, LookupKey, OverFrame, RankFunction, RegularJoinType, SortKey, WindowJoinSide, WindowJoinType, WindowSpec,
} from '../../dataflow/graph.js';
import type { SourcePosition } from '../../common/errors.js';
import type { CorrelateFunction } from '../../dataflow/correlate.js';
import type { Expr } from '../../dataflow/expr.js';
import type { MatchRecognizeSpec } from '../../dataflow/match-spec.js';
import type { Schema } from '../../dataflow/schema.js';
import type { CatalogTable } from '../catalog.js';

export interface ScanNode {
  readonly kind: 'scan';
  readonly table: CatalogTable;
  /** Physical columns, then computed columns, in declaration order: the table's columns. */
  readonly schema: Schema;
  /**
   * An upsert source (upsert-kafka): the PRIMARY KEY's column indexes. Its rows are upserts and deletes by key; a
   * ChangelogNormalize after the source turns them into a changelog (+I/-U/+U/-D), as in Flink.
   */
  readonly upsertKey?: readonly number[];
}

export interface ProjectNode {
  readonly kind: 'project';
  readonly input: LogicalPlan;
  readonly exprs: readonly Expr[];
  readonly schema: Schema;
}

export interface FilterNode {
  readonly kind: 'filter';
  readonly input: LogicalPlan;
  readonly predicate: Expr;
  readonly schema: Schema;
}

/** A window TVF: input columns (time attributes materialised) + window_start, window_end, window_time. */
export interface WindowTvfNode {
  readonly kind: 'window-tvf';
  readonly input: LogicalPlan;
  readonly window: WindowSpec;
  readonly timeIndex: number;
  readonly timeColumn: string;
  readonly lateTable: string;
  readonly schema: Schema;
}

/**
 * GROUP BY over column indexes of the input; output = keys…, aggregates…. With `groupingSets` (each a list of
 * positions in `keys`), every row is aggregated once per set with the other keys NULL, and the output has the
 * set's number (BIGINT) between the keys and the aggregates.
 */
export interface AggregateNode {
  readonly kind: 'aggregate';
  readonly input: LogicalPlan;
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly groupingSets?: readonly (readonly number[])[];
  readonly schema: Schema;
}

/** Produced by the fuse-window-aggregate rule; output = keys…, window_start, window_end, window_time, aggregates…. */
export interface WindowAggregateNode {
  readonly kind: 'window-aggregate';
  readonly input: LogicalPlan;
  readonly window: WindowSpec;
  /** Produced by the attach-window-aggregate rule: windows read from the input's window_start / window_end. */
  readonly attached?: AttachedWindow;
  readonly timeIndex: number;
  readonly timeColumn: string;
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  /** As on AggregateNode; output = keys…, set number, window_start, window_end, window_time, aggregates…. */
  readonly groupingSets?: readonly (readonly number[])[];
  readonly lateTable: string;
  readonly schema: Schema;
}

/**
 * Window Top-N / deduplication (see WindowRankSpec): ranks the input's rows within each window (its window_start and
 * window_end columns) and partition key; output = input columns…, then the rank (BIGINT) when `outputRank`.
 */
export interface WindowRankNode {
  readonly kind: 'window-rank';
  readonly input: LogicalPlan;
  readonly windowStartIndex: number;
  readonly windowEndIndex: number;
  readonly partitionKeys: readonly number[];
  readonly orderBy: readonly SortKey[];
  readonly rankFunction: RankFunction;
  readonly limit: number;
  readonly outputRank: boolean;
  readonly deduplicate: 'first-row' | 'last-row' | null;
  readonly lateTable: string;
  /** The windows are over a TIMESTAMP_LTZ rowtime: they fire by the session zone's wall clock (lowering stamps the zone). */
  readonly ltz?: boolean;
  readonly schema: Schema;
}

/** Top-N without a window (see RankSpec); output = input columns…, then the rank (BIGINT) when `outputRank`. */
export interface RankNode {
  readonly kind: 'rank';
  readonly input: LogicalPlan;
  readonly partitionKeys: readonly number[];
  readonly orderBy: readonly SortKey[];
  readonly rankFunction: RankFunction;
  readonly rankStart: number;
  readonly rankEnd: number;
  readonly outputRank: boolean;
  readonly schema: Schema;
}

/** Deduplication without a window (see DeduplicateSpec); output = the input's columns. */
export interface DeduplicateNode {
  readonly kind: 'deduplicate';
  readonly input: LogicalPlan;
  readonly keys: readonly number[];
  readonly keep: 'first-row' | 'last-row';
  readonly order: 'rowtime' | 'proctime';
  readonly timeIndex: number;
  readonly schema: Schema;
}

/** OVER aggregation (see OverAggregateSpec); output = input columns…, then one column per aggregate. */
export interface OverAggregateNode {
  readonly kind: 'over-aggregate';
  readonly input: LogicalPlan;
  readonly partitionKeys: readonly number[];
  readonly timeIndex: number;
  readonly timeMode?: 'processing';
  readonly frame: OverFrame;
  readonly aggregates: readonly AggregateCall[];
  readonly lateTable: string;
  readonly schema: Schema;
}

/** MATCH_RECOGNIZE (see MatchRecognizeSpec); output = the partition columns, then the measures. */
export interface MatchRecognizeNode extends Omit<MatchRecognizeSpec, 'kind' | 'lateRow'> {
  readonly kind: 'match-recognize';
  readonly input: LogicalPlan;
  readonly schema: Schema;
}

/** Temporal sort (see TemporalSortSpec); output = the input's columns, time attributes kept. */
export interface TemporalSortNode {
  readonly kind: 'temporal-sort';
  readonly input: LogicalPlan;
  readonly timeIndex: number;
  readonly timeMode?: 'processing';
  readonly orderBy: readonly SortKey[];
  readonly lateTable: string;
  readonly schema: Schema;
}

/**
 * Window join (see WindowJoinSpec): rows of two windowed inputs joined within each window. Two inputs, `left` and
 * `right` (no `input`); output = left columns…, right columns…, time attributes materialised.
 */
export interface WindowJoinNode {
  readonly kind: 'window-join';
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly joinType: WindowJoinType;
  readonly window: WindowSpec;
  readonly leftSide: WindowJoinSide;
  readonly rightSide: WindowJoinSide;
  /** Over the joined row (left columns, then right columns); null when the ON condition has no other conjunct. */
  readonly residual: Expr | null;
  readonly schema: Schema;
}

/** The time condition of an interval join (see IntervalJoinSpec): left time − right time within [lower, upper] ms. */
export interface IntervalJoinBounds {
  readonly leftTimeIndex: number;
  readonly rightTimeIndex: number;
  readonly lowerBound: number;
  readonly upperBound: number;
  /** Both time attributes are PROCTIME() ones (Flink's ProcTimeIntervalJoin); absent: event time. */
  readonly timeMode?: 'processing';
}

/**
 * A regular join (`interval` null: keyed state of both sides, a changelog out; see RegularJoinSpec) or an interval
 * join (see IntervalJoinSpec). Output = left columns…, right columns…; a regular join materialises time attributes,
 * an interval join keeps them.
 */
export interface JoinNode {
  readonly kind: 'join';
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly joinType: RegularJoinType;
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  readonly residual: Expr | null;
  readonly interval: IntervalJoinBounds | null;
  /** Set for an event-time temporal join (FOR SYSTEM_TIME AS OF; see TemporalJoinSpec): append-only output. */
  readonly temporal?: TemporalJoinTimes;
  /** Keys compare with IS NOT DISTINCT FROM (INTERSECT, EXCEPT). */
  readonly nullSafeKeys?: boolean;
  readonly schema: Schema;
}

/** The time attributes of an event-time temporal join: the left row's time, the right row's version time. */
export interface TemporalJoinTimes {
  readonly leftTimeIndex: number;
  readonly rightTimeIndex: number;
}

/**
 * A correlate (LATERAL TABLE, UNNEST; see CorrelateSpec): output = input columns…, then the columns the function
 * produces (NULL-padded for a LEFT correlate).
 */
export interface CorrelateNode {
  readonly kind: 'correlate';
  readonly input: LogicalPlan;
  readonly function: CorrelateFunction;
  readonly joinType: 'inner' | 'left';
  readonly position: SourcePosition;
  readonly schema: Schema;
}

/**
 * A lookup join (processing-time temporal join; see LookupJoinSpec): the probe side is `input`; the lookup table
 * is not a plan input but a connector queried per row. Output = input columns…, lookup table columns….
 */
export interface LookupJoinNode {
  readonly kind: 'lookup-join';
  readonly input: LogicalPlan;
  readonly joinType: 'inner' | 'left';
  readonly table: ConnectorDescriptor;
  readonly keys: readonly LookupKey[];
  /** Over the joined row; null when the ON condition has only key equalities. */
  readonly residual: Expr | null;
  readonly cache: LookupCacheSpec;
  readonly schema: Schema;
}

/** UNION ALL of several inputs with the same column types (each side already coerced); names from the first. */
export interface UnionNode {
  readonly kind: 'union';
  readonly inputs: readonly LogicalPlan[];
  readonly schema: Schema;
}

export interface SinkNode {
  readonly kind: 'sink';
  readonly input: LogicalPlan;
  readonly connector: ConnectorDescriptor;
  readonly schema: Schema;
}

export interface CollectNode {
  readonly kind: 'collect';
  readonly input: LogicalPlan;
  readonly schema: Schema;
}

export type LogicalPlan =
  | ScanNode
  | ProjectNode
  | FilterNode
  | CorrelateNode
  | WindowTvfNode
  | AggregateNode
  | WindowAggregateNode
  | WindowRankNode
  | RankNode
  | DeduplicateNode
  | OverAggregateNode
  | TemporalSortNode
  | MatchRecognizeNode
  | WindowJoinNode
  | JoinNode
  | LookupJoinNode
  | UnionNode
  | SinkNode
  | CollectNode;

export function inputsOf(plan: LogicalPlan): LogicalPlan[] {
  if (plan.kind === 'scan') return [];
  if (plan.kind === 'union') return [...plan.inputs];
  return plan.kind === 'window-join' || plan.kind === 'join' ? [plan.left, plan.right] : [plan.input];
}

/** What makes an updating plan update, for error messages: the first updating operator found, e.g. `a LEFT JOIN`. */
export function updatingOperator(plan: LogicalPlan): string {
  const below = inputsOf(plan).find(isUpdating);
  if (below) return updatingOperator(below);
  if (plan.kind === 'join' && plan.joinType === 'anti') return 'an anti join (NOT EXISTS / NOT IN subquery)';
  if (plan.kind === 'join' && plan.joinType === 'semi') return 'a semi join (EXISTS / IN subquery)';
  if (plan.kind === 'join') return `a regular ${plan.joinType.toUpperCase()}${plan.joinType === 'inner' ? '' : ' OUTER'} JOIN`;
  if (plan.kind === 'scan') return `the upsert source '${plan.table.name}'`;
  if (plan.kind === 'rank') return plan.orderBy.length === 0 ? 'a LIMIT over an updating input' : `a Top-N (${plan.rankFunction}() without a window)`;
  if (plan.kind === 'deduplicate') return `a deduplication keeping the ${plan.keep === 'last-row' ? 'last' : 'first'} row on ${plan.order === 'rowtime' ? 'event' : 'processing'} time`;
  return 'GROUP BY without a window';
}

/** Whether a plan's output can carry updates (-U/+U/-D). */
export function isUpdating(plan: LogicalPlan): boolean {
  switch (plan.kind) {
    case 'scan':
      return plan.upsertKey !== undefined;
    case 'aggregate':
      // Without aggregates (SELECT DISTINCT, GROUP BY only keys) a row is emitted once, when its key is first seen.
      return plan.aggregates.length > 0 || isUpdating(plan.input);
    case 'window-aggregate':
      return false;
    case 'window-join':
      return false;
    case 'rank':
      // Without a sort key (LIMIT alone) rows keep arrival order: a row once in the first n stays there.
      return plan.orderBy.length > 0 || isUpdating(plan.input);
    case 'deduplicate':
      // Only keep-first on processing time never revises a row it emitted.
      return plan.keep === 'last-row' || plan.order === 'rowtime' || isUpdating(plan.input);
    case 'join':
      // A regular outer join retracts its NULL-padded rows; any join passes its inputs' retractions on.
      // A semi join over append-only inputs only ever adds rows (a match never goes away); an anti join retracts.
      // An event-time temporal join is append-only.
      return plan.interval === null && plan.temporal === undefined
        && ((plan.joinType !== 'inner' && plan.joinType !== 'semi') || isUpdating(plan.left) || isUpdating(plan.right));
    case 'union':
      return plan.inputs.some(isUpdating);
    default:
      return isUpdating(plan.input);
  }
}
