/**
 * Top-N and deduplication without a window (Flink's Rank and Deduplicate pages): a ranking whose PARTITION BY has no
 * window_start/window_end becomes a RankNode — or, for `ROW_NUMBER() … ORDER BY <time attribute> ASC|DESC` limited to
 * the first row with the rank not selected, a DeduplicateNode (Flink's RankUtil.canConvertToDeduplicate), as long as
 * the input is append-only (an updating input is ranked instead, which gives the same rows).
 *
 * Both materialise time attributes: their output is an update stream (except keep-first on processing time) whose
 * rows carry no event-time order.
 */
import { isProctime, isRowtime } from '../../common/types.js';
import type { RankFunction, SortKey } from '../../dataflow/graph.js';
import type { Field } from '../../dataflow/schema.js';
import { isUpdating, type DeduplicateNode, type LogicalPlan, type RankNode } from '../logical/plan.js';
import { materialiseTimeAttributes } from './context.js';

export interface RegularRankRequest {
  /** The rows ranked, with computed sort and partition keys appended. */
  readonly input: LogicalPlan;
  readonly partitionKeys: readonly number[];
  readonly orderBy: readonly SortKey[];
  readonly rankFunction: RankFunction;
  /** Inclusive bounds on the rank from the enclosing WHERE. */
  readonly lower: number;
  readonly upper: number;
  /** Whether the enclosing query reads the rank. */
  readonly outputRank: boolean;
  readonly rankField: Field;
}

export function regularRankNode(request: RegularRankRequest): RankNode | DeduplicateNode {
  const { input, orderBy, rankFunction } = request;
  const fields = materialiseTimeAttributes(input.schema).fields;
  const deduplicate = deduplicationOrder(request);
  if (deduplicate) {
    return {
      kind: 'deduplicate',
      input,
      keys: request.partitionKeys,
      keep: orderBy[0]!.descending ? 'last-row' : 'first-row',
      order: deduplicate,
      timeIndex: orderBy[0]!.index,
      schema: { fields },
    };
  }
  return {
    kind: 'rank',
    input,
    partitionKeys: request.partitionKeys,
    orderBy,
    rankFunction,
    rankStart: request.lower,
    rankEnd: Math.max(request.upper, 0),
    outputRank: request.outputRank,
    schema: { fields: [...fields, ...(request.outputRank ? [request.rankField] : [])] },
  };
}

/** The time attribute a deduplication orders by, or undefined when the ranking is not a deduplication. */
function deduplicationOrder(request: RegularRankRequest): 'rowtime' | 'proctime' | undefined {
  const { input, orderBy } = request;
  if (request.rankFunction !== 'ROW_NUMBER' || request.upper !== 1 || request.lower > 1 || request.outputRank) return undefined;
  if (orderBy.length !== 1 || isUpdating(input)) return undefined;
  const type = input.schema.fields[orderBy[0]!.index]?.type;
  if (!type) return undefined;
  return isRowtime(type) ? 'rowtime' : isProctime(type) ? 'proctime' : undefined;
}
