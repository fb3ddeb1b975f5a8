/**
 * Random queries over a fuzz table, from a grammar of what Sluice supports: window TVF aggregation (TUMBLE / HOP /
 * CUMULATE / SESSION, offsets, GROUPING SETS), legacy group windows, window Top-N, window deduplication, window
 * joins, UNION ALL under a window aggregation, unbounded GROUP BY changelogs, projections with CASE / CAST /
 * COALESCE / NULLIF / IF / arithmetic / BETWEEN / IN, and the ordering shapes (non-window Top-N, ORDER BY … LIMIT,
 * the temporal sort, OVER aggregations), non-window joins (regular and interval self-joins) and MATCH_RECOGNIZE. Each output column comes with the sink type Flink gives it, so
 * the same script runs in both engines.
 */
import { groupAggregation, legacyGroupWindowAggregation, projection, windowAggregation } from './aggregation-shapes.js';
import type { Random } from './random.js';
import type { FuzzTable } from './schema-and-data.js';
import type { RowOrder } from '../expected-result.js';
import { intervalJoin, regularJoin } from './join-shapes.js';
import { matchRecognize } from './match-shapes.js';
import { overAggregation, regularTopN, sortLimit, temporalSort } from './ordering-shapes.js';
import { unionWindowAggregation, windowDeduplication, windowJoin, windowTopN, type RelationShapeSql } from './window-relation-shapes.js';

export interface FuzzQuery {
  /** Which grammar shape made it (for logs and `--shape`). */
  readonly shape: QueryShape;
  readonly sinkColumns: readonly string[];
  /** Statements before the INSERT (CREATE VIEW …); may be empty. */
  readonly views: readonly string[];
  readonly select: string;
  /** How Flink's answer is compared, when not the default for it (a temporal sort's append-only rows: in order). */
  readonly order?: RowOrder;
}

const SHAPES = {
  window: windowAggregation,
  legacy: legacyGroupWindowAggregation,
  topn: windowTopN,
  dedup: windowDeduplication,
  join: windowJoin,
  union: unionWindowAggregation,
  group: groupAggregation,
  project: projection,
  rank: regularTopN,
  sort: sortLimit,
  tsort: temporalSort,
  over: overAggregation,
  rjoin: regularJoin,
  ijoin: intervalJoin,
  match: matchRecognize,
} satisfies Record<string, (random: Random, table: FuzzTable) => RelationShapeSql>;

export type QueryShape = keyof typeof SHAPES;

export const QUERY_SHAPES = Object.keys(SHAPES) as QueryShape[];

/** Relative frequencies: window aggregation is the core of Sluice, so it is drawn most. */
const WEIGHTED: readonly QueryShape[] = [
  'window', 'window', 'window', 'window', 'legacy', 'topn', 'dedup', 'join', 'join', 'union', 'group', 'project',
  'rank', 'sort', 'tsort', 'over', 'rjoin', 'ijoin', 'match',
];

export function isQueryShape(name: string): name is QueryShape {
  return Object.hasOwn(SHAPES, name);
}

export function randomQuery(random: Random, table: FuzzTable, only?: QueryShape): FuzzQuery {
  const shape = only ?? random.pick(WEIGHTED);
  const made: RelationShapeSql & { readonly order?: RowOrder } = SHAPES[shape](random, table);
  return {
    shape,
    sinkColumns: made.outputs.map((o, i) => `c${i} ${o.type}`),
    views: made.views ?? [],
    select: made.select,
    ...(made.order ? { order: made.order } : {}),
  };
}
