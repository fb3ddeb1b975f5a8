/**
 * The physical dataflow graph: the planner's output and the runtime's input, as plain data. Nodes are operators
 * identified by number; edges say how rows travel (forward, or hash-partitioned by key columns).
 */
import type { SourcePosition } from '../common/errors.js';
import type { DataType } from '../common/types.js';
import type { CorrelateSpec } from './correlate.js';
import type { Expr } from './expr.js';
import type { Schema } from './schema.js';
import type { MatchRecognizeSpec } from './match-spec.js';
import type {
  IntervalJoinSpec, LookupJoinSpec, RegularJoinSpec, TemporalJoinSpec, WindowJoinSpec,
} from './join-specs.js';

export type * from './join-specs.js';
export type * from './match-spec.js';

/**
 * Window assignment, as Flink's window TVFs define it. Sizes, slides, steps, gaps and offsets in milliseconds.
 * TUMBLE, HOP and CUMULATE windows are aligned (a record's windows depend on its timestamp alone); SESSION windows
 * merge as records arrive, per partition key.
 */
/**
 * Which clock a window runs on: 'event' (the default; windows fire as the watermark passes them) or 'processing'
 * (the window's time column is a PROCTIME() attribute; windows fire on the wall clock, never late).
 */
export type WindowTimeMode = 'event' | 'processing';

/**
 * Windows over a TIMESTAMP_LTZ rowtime (`ltz: true`) are split by the wall clock of the session time zone, which
 * lowering stamps into `timeZone` (see runtime/windows/clock.ts); windows over a TIMESTAMP rowtime have neither.
 */
interface WindowZone {
  readonly ltz?: boolean;
  readonly timeZone?: string;
}

export type WindowSpec =
  | { readonly kind: 'tumble'; readonly size: number; readonly offset: number; readonly timeMode?: WindowTimeMode } & WindowZone
  /** Windows of `size` starting every `slide` (size is a multiple of slide): a record is in size/slide windows. */
  | { readonly kind: 'hop'; readonly size: number; readonly slide: number; readonly offset: number; readonly timeMode?: WindowTimeMode } & WindowZone
  /** Windows [start, start + step), [start, start + 2·step), … up to [start, start + maxSize); maxSize is a multiple of step. */
  | { readonly kind: 'cumulate'; readonly maxSize: number; readonly step: number; readonly offset: number; readonly timeMode?: WindowTimeMode } & WindowZone
  /**
   * A record at t opens [t, t + gap); windows that overlap or touch merge. `partitionKeys` are the columns (of the
   * operator's input) within whose values sessions are formed; empty = one session sequence for the whole stream.
   */
  | { readonly kind: 'session'; readonly gap: number; readonly partitionKeys: readonly number[]; readonly timeMode?: WindowTimeMode } & WindowZone;

export type AlignedWindowSpec = Exclude<WindowSpec, { kind: 'session' }>;
export type SessionWindowSpec = Extract<WindowSpec, { kind: 'session' }>;

export type AggregateFunctionName =
  | 'COUNT' | 'SUM' | 'AVG' | 'MIN' | 'MAX'
  | 'STDDEV_POP' | 'STDDEV_SAMP' | 'VAR_POP' | 'VAR_SAMP'
  | 'FIRST_VALUE' | 'LAST_VALUE' | 'LISTAGG' | 'COLLECT' | 'BOOL_AND' | 'BOOL_OR' | 'APPROX_COUNT_DISTINCT'
  | 'JSON_ARRAYAGG' | 'JSON_OBJECTAGG' | 'ARRAY_AGG' | 'LAG';

/** `AggregateCall.fn` of a function registered with `engine.registerAggregateFunction` (see `userFunction`). */
export const USER_DEFINED_AGGREGATE = 'USER_DEFINED';

/** `AggregateCall.fn` of the value of a scalar subquery that may return several rows (added by the planner, see `position`). */
export const SINGLE_VALUE_AGGREGATE = 'SINGLE_VALUE';

/**
 * A call of a user-defined aggregate function. Its argument (`argIndex`) is the ROW of its SQL arguments, or NULL
 * where FILTER (WHERE …) leaves the row out; a function without parameters reads TRUE instead of a ROW.
 */
export interface UserAggregateRef {
  /** The name it was registered under: with the argument and result types, all that identifies it in a savepoint. */
  readonly name: string;
  /** Where the session registered its implementation (runtime/aggregates/user-defined.ts); differs per engine. */
  readonly id: string;
  readonly parameterCount: number;
  /** Whether it implements retract / merge (checked when planning; not part of the operator's identity). */
  readonly retracts: boolean;
  readonly merges: boolean;
  /** The call in the SQL text, for errors the function raises while the job runs. */
  readonly position?: SourcePosition;
}

export interface AggregateCall {
  readonly fn: AggregateFunctionName | typeof USER_DEFINED_AGGREGATE | typeof SINGLE_VALUE_AGGREGATE;
  /** Input column index of the argument; null for COUNT(*). */
  readonly argIndex: number | null;
  readonly argType: DataType | null;
  readonly distinct: boolean;
  /** Result type (SUM of INT is INT, AVG of DECIMAL(p,s) is DECIMAL(38, max(s,6)), … as in Flink). */
  readonly type: DataType;
  /** Display text for EXPLAIN, e.g. `SUM(price)`. */
  readonly display: string;
  /** LISTAGG's separator (a literal; ',' when not written). */
  readonly separator?: string;
  /**
   * LAG (OVER only): how many rows back (a literal; 1 when not written). Its argument is ROW(value, default), both of
   * the result type.
   */
  readonly lagOffset?: number;
  /**
   * JSON_ARRAYAGG / JSON_OBJECTAGG: whether NULL values are left out (ABSENT ON NULL) and whether the value is JSON
   * text of a JSON_OBJECT / JSON_ARRAY call (inserted as JSON, not as a string).
   */
  /**
   * JSON_ARRAYAGG / JSON_OBJECTAGG options. `wrapped`: the argument is ROW(value), so that with NULL ON NULL a row
   * FILTER leaves out (NULL) stays apart from a NULL value (as ARRAY_AGG's argument always is).
   */
  readonly json?: { readonly absentOnNull: boolean; readonly raw: boolean; readonly wrapped?: boolean };
  /**
   * ARRAY_AGG: whether NULL values are left out (IGNORE NULLS; RESPECT NULLS, the default, keeps them). Its argument
   * is the one-field ROW of the value, NULL where FILTER (WHERE …) leaves the row out, so a NULL value is told apart
   * from a row that was filtered out.
   */
  readonly ignoreNulls?: boolean;
  /** Set exactly when `fn` is USER_DEFINED. */
  readonly userFunction?: UserAggregateRef;
  /** SINGLE_VALUE: the scalar subquery in the SQL text, named by its error when a second row arrives. */
  readonly position?: SourcePosition;
}

/** The connector of VALUES tables, whose rows the planner puts in the descriptor (`ConnectorDescriptor.values`). */
export const VALUES_CONNECTOR = 'values';

/** Everything a connector needs to read or write one table. */
export interface ConnectorDescriptor {
  readonly table: string;
  /** Value of the `connector` option: filesystem, datagen, print, blackhole, or an in-process table. */
  readonly connector: string;
  readonly options: Readonly<Record<string, string>>;
  /** Physical columns the source produces / the sink receives, in order. */
  readonly schema: Schema;
  /** The table's `PRIMARY KEY (…) NOT ENFORCED` columns (sinks that upsert by key use them); absent or empty: none. */
  readonly primaryKey?: readonly string[];
  /** The table's `PARTITIONED BY (…)` columns (the filesystem connector's directory levels); absent: none. */
  readonly partitionKeys?: readonly string[];
  /**
   * Columns of `schema` that the source fills from record metadata (`offset BIGINT METADATA`), by index in `schema`
   * with their metadata key; absent or empty: none. Connectors without metadata refuse them.
   */
  readonly metadata?: readonly { readonly index: number; readonly key: string }[];
  /**
   * The rows of a VALUES table (connector `values`): constant expressions in `schema` order, of the columns' types
   * (evaluated by the source, after the session time zone is stamped into them).
   */
  readonly values?: readonly (readonly Expr[])[];
  /**
   * What of `schema` the job reads (set by the planner for sources that can skip fields, e.g. JSON files): one
   * entry per column, `true` (read), `false` (not read: the source may leave it NULL without decoding it) or, for a
   * ROW column, the same for its fields. Absent: everything is read.
   */
  readonly readMask?: ReadMask;
}

/** Per field: read it whole (`true`), not at all (`false`), or the listed parts of a ROW. */
export type FieldRead = boolean | ReadMask;
export type ReadMask = readonly FieldRead[];

export interface SourceSpec {
  readonly kind: 'source';
  readonly connector: ConnectorDescriptor;
}

/** Filter then project; stateless. */
export interface CalcSpec {
  readonly kind: 'calc';
  readonly filter: Expr | null;
  readonly projections: readonly Expr[];
}

/**
 * Computes each row's watermark candidate `watermark` (e.g. `ts - INTERVAL '1' SECOND`) and keeps the running
 * maximum, record by record; attaches to every row the watermark in force before it and emits the new
 * watermark after each batch.
 */
export interface WatermarkAssignerSpec {
  readonly kind: 'watermark-assigner';
  readonly table: string;
  readonly rowtimeIndex: number;
  readonly watermark: Expr;
  /** For EXPLAIN: `bidtime - INTERVAL '1' SECOND`. */
  readonly display: string;
  /**
   * `'table.exec.watermark.max-future-skew'` in milliseconds: a row whose rowtime is more than this ahead of the
   * wall clock at arrival does not move the watermark; it is dropped and logged as 'future'. Absent: off.
   */
  readonly maxFutureSkew?: number;
}

/** Appends window_start, window_end, window_time to each row (one output row per window the row belongs to). */
export interface WindowTableFunctionSpec {
  readonly kind: 'window-tvf';
  readonly window: WindowSpec;
  readonly timeIndex: number;
  /** Table whose late-records counter counts rows dropped because all their windows had fired. */
  readonly lateTable: string;
  /** `'table.exec.emit.allow-lateness'` in milliseconds: rows for windows fired less than this ago are still emitted. */
  readonly allowedLateness?: number;
  /** How a dropped row maps onto its table's columns for the late-record log (see `LateRowMapping`). */
  readonly lateRow?: LateRowMapping;
}

/**
 * Event-time window aggregation, emitting each window's final result once, when the watermark reaches its last
 * millisecond. Output columns: keys…, window_start, window_end, window_time, aggregates….
 */
/**
 * Windows named by a row's own columns (Flink's attached windowing): the row belongs to exactly [start, end), the
 * window an upstream window aggregation produced it for; `window` is that aggregation's window, for display.
 */
export interface AttachedWindow {
  readonly startIndex: number;
  readonly endIndex: number;
}

export interface WindowAggregateSpec {
  readonly kind: 'window-aggregate';
  readonly window: WindowSpec;
  /** Set when the windows come from the input's window_start / window_end columns, not from `timeIndex`. */
  readonly attached?: AttachedWindow;
  readonly timeIndex: number;
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  /**
   * GROUPING SETS: each set lists the positions in `keys` it groups by; a row is aggregated once per set with the
   * other keys NULL, and the output has the set's number (BIGINT) right after the keys.
   */
  readonly groupingSets?: readonly (readonly number[])[];
  readonly lateTable: string;
  /**
   * `'table.exec.emit.allow-lateness'` in milliseconds: a fired window keeps its state until the watermark reaches
   * end − 1 + lateness; late rows within it update the window, emitted as -U/+U at the next watermark advance.
   */
  readonly allowedLateness?: number;
  /** `'table.exec.emit.early-fire.delay'` in milliseconds of event time (set when early firing is enabled). */
  readonly earlyFireDelay?: number;
  readonly lateRow?: LateRowMapping;
  /** Set when the input is an update stream (may retract rows); absent for append-only inputs. */
  readonly inputUpdates?: true;
}

/**
 * For each column of the late table (its physical and computed columns, in order), the index of the operator's
 * input column holding it, or −1 where the operator does not see it (logged as NULL).
 */
export type LateRowMapping = readonly number[];

/**
 * After an upsert source (Flink's ChangelogNormalize): keeps the last row per key and turns upserts and deletes by key
 * into a changelog: +I for a new key, -U/+U when its row changes (nothing when it does not), -D on a delete.
 */
export interface ChangelogNormalizeSpec {
  readonly kind: 'changelog-normalize';
  readonly keys: readonly number[];
  /** As on GroupAggregateSpec. */
  readonly stateTtl?: number;
}

/** Unbounded GROUP BY: emits +I for a new key, then -U/+U as its aggregates change (retractions in, if the input updates). */
export interface GroupAggregateSpec {
  readonly kind: 'group-aggregate';
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  /** As on WindowAggregateSpec. */
  readonly groupingSets?: readonly (readonly number[])[];
  readonly inputUpdates: boolean;
  /**
   * `'table.exec.state.ttl'` in ms: a key's state is dropped after this much processing time without a row for it
   * (Flink's idle state retention); absent: kept forever.
   */
  readonly stateTtl?: number;
}

/**
 * The frame of an OVER aggregation, ending at the current row: `preceding` null is UNBOUNDED PRECEDING; otherwise
 * an interval in ms (RANGE: rows whose time is at least the current row's time minus it) or a row count (ROWS: the
 * current row and that many before it).
 */
export interface OverFrame {
  readonly units: 'ROWS' | 'RANGE';
  readonly preceding: number | null;
}

/**
 * Event-time OVER aggregation (Flink's OverAggregate with a rowtime ORDER BY): rows are buffered per partition key
 * until the watermark passes their time, then aggregated in time order over `frame`; each row is emitted once (+I),
 * its columns followed by the aggregates. In RANGE frames rows of equal time see each other. Rows at or below the
 * watermark on arrival are late: dropped and counted for `lateTable`. Append-only; time attributes kept.
 */
export interface OverAggregateSpec {
  readonly kind: 'over-aggregate';
  readonly partitionKeys: readonly number[];
  readonly timeIndex: number;
  /**
   * `processing`: ORDER BY a PROCTIME() attribute — each row is aggregated and emitted as it arrives (a RANGE frame
   * with a bound takes its rows' arrival times from the wall clock); absent: event time.
   */
  readonly timeMode?: 'processing';
  readonly frame: OverFrame;
  readonly aggregates: readonly AggregateCall[];
  readonly lateTable: string;
  /** How a late row maps onto its table's columns for the late-record log (see `LateRowMapping`). */
  readonly lateRow?: LateRowMapping;
}

/**
 * Temporal sort (Flink's RowTimeSortOperator): `ORDER BY <rowtime> ASC[, more keys]` without LIMIT over an
 * append-only input. Rows wait until the watermark reaches their time, then leave time by time, the rows of one time
 * ordered by the other keys (ties in arrival order). A row whose time is at or below the last time emitted is late:
 * dropped, counted for `lateTable` and logged. On processing time (`ORDER BY <PROCTIME() attribute>`, Flink's
 * ProcTimeSortOperator) rows are already in time order: the rows arriving together (one batch, as Flink's one
 * millisecond) are ordered by the other keys and emitted at once.
 */
export interface TemporalSortSpec {
  readonly kind: 'temporal-sort';
  readonly timeIndex: number;
  readonly timeMode?: 'processing';
  /** The keys after the time attribute. */
  readonly orderBy: readonly SortKey[];
  readonly lateTable: string;
  /** How a late row maps onto its table's columns for the late-record log (see `LateRowMapping`). */
  readonly lateRow?: LateRowMapping;
}

/** Ranking functions of window Top-N: ROW_NUMBER numbers ties apart; RANK leaves gaps after ties; DENSE_RANK does not. */
export type RankFunction = 'ROW_NUMBER' | 'RANK' | 'DENSE_RANK';

/** One ORDER BY key: an input column, its direction and where NULLs sort. */
export interface SortKey {
  readonly index: number;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/**
 * Window Top-N and window deduplication over rows that carry their window (window_start, window_end): keeps the
 * rows ranked 1..limit per window and partition key and emits them once, when the window fires. Output columns:
 * the input's, then the rank (BIGINT) when `outputRank`. Ties go to the earlier arrival, except under
 * `deduplicate: 'last-row'` (the later arrival wins, as in Flink's keep-last-row deduplication).
 */
export interface WindowRankSpec {
  readonly kind: 'window-rank';
  readonly windowStartIndex: number;
  readonly windowEndIndex: number;
  readonly partitionKeys: readonly number[];
  readonly orderBy: readonly SortKey[];
  readonly rankFunction: RankFunction;
  readonly limit: number;
  readonly outputRank: boolean;
  /** Set when the ranking is a deduplication on the time attribute (ROW_NUMBER, limit 1): which row it keeps. */
  readonly deduplicate: 'first-row' | 'last-row' | null;
  readonly lateTable: string;
  /** Windows over a TIMESTAMP_LTZ rowtime: `ltz` set by the planner, `timeZone` (the session zone) by lowering. */
  readonly ltz?: boolean;
  readonly timeZone?: string;
}

/**
 * Top-N over an unbounded input (Flink's Rank): per partition key, the rows are kept sorted by `orderBy` (ties in
 * arrival order) and the rows ranked `rankStart`..`rankEnd` are the result, updated as rows arrive or are retracted.
 * With `outputRank` the rank is a last BIGINT column and a change at a rank is -U (the old row at that rank) / +U
 * (the new one), +I / -D where the result grows or shrinks; without it, rows entering the range are +I and rows
 * leaving it -D. An append-only input keeps only the rows that can still rank (Flink's AppendFastStrategy); an
 * updating input keeps every row, so that a retraction can bring the next one up (RetractStrategy).
 */
export interface RankSpec {
  readonly kind: 'rank';
  readonly partitionKeys: readonly number[];
  readonly orderBy: readonly SortKey[];
  readonly rankFunction: RankFunction;
  /** The lowest rank in the result (1 unless the query bounds the rank from below). */
  readonly rankStart: number;
  /** The highest rank in the result. */
  readonly rankEnd: number;
  readonly outputRank: boolean;
  /** Whether the input carries retractions (-U/-D): every row is then kept in state. */
  readonly inputUpdates: boolean;
  /** As on GroupAggregateSpec: a partition idle this long (processing time) is forgotten. */
  readonly stateTtl?: number;
}

/**
 * Deduplication (Flink's Deduplicate): `ROW_NUMBER() OVER (PARTITION BY keys ORDER BY <time attribute> ASC|DESC) = 1`
 * over an append-only input. Keep-first on processing time emits each key's first row once (append-only); keep-last
 * replaces a key's row (+I, then -U/+U) with every later row — on event time only with a row whose rowtime is not
 * smaller (ties: the later arrival); keep-first on event time replaces it with a row of a smaller rowtime.
 */
export interface DeduplicateSpec {
  readonly kind: 'deduplicate';
  readonly keys: readonly number[];
  readonly keep: 'first-row' | 'last-row';
  readonly order: 'rowtime' | 'proctime';
  /** The rowtime column compared (event time); the ORDER BY column either way. */
  readonly timeIndex: number;
  /** As on GroupAggregateSpec. */
  readonly stateTtl?: number;
}

/**
 * UNION ALL: forwards every batch of every input unchanged (row kinds kept). Per-row watermarks are dropped, since
 * those of different inputs are not comparable; downstream judges rows by the task's combined (minimum) watermark.
 */
export interface UnionSpec {
  readonly kind: 'union';
}

export interface SinkSpec {
  readonly kind: 'sink';
  readonly connector: ConnectorDescriptor;
}

/** Delivers a top-level query's changes to the embedded API / CLI. */
export interface CollectSpec {
  readonly kind: 'collect';
}

export type OperatorSpec =
  | SourceSpec
  | CalcSpec
  | CorrelateSpec
  | WatermarkAssignerSpec
  | WindowTableFunctionSpec
  | WindowAggregateSpec
  | GroupAggregateSpec
  | ChangelogNormalizeSpec
  | WindowJoinSpec
  | RegularJoinSpec
  | IntervalJoinSpec
  | TemporalJoinSpec
  | LookupJoinSpec
  | WindowRankSpec
  | RankSpec
  | DeduplicateSpec
  | OverAggregateSpec
  | TemporalSortSpec
  | MatchRecognizeSpec
  | UnionSpec
  | SinkSpec
  | CollectSpec;

export type OperatorKind = OperatorSpec['kind'];

export type Partitioning = { readonly kind: 'forward' } | { readonly kind: 'hash'; readonly keys: readonly number[] };

export interface Edge {
  readonly from: number;
  readonly partitioning: Partitioning;
}

export interface GraphNode {
  readonly id: number;
  readonly spec: OperatorSpec;
  readonly inputs: readonly Edge[];
  /** Output schema. */
  readonly schema: Schema;
  /** Whether the output is append-only or carries updates (-U/+U/-D). */
  readonly changelog: 'append' | 'updates';
}

export interface DataflowGraph {
  /** Topologically ordered: every node's inputs come before it. */
  readonly nodes: readonly GraphNode[];
}
