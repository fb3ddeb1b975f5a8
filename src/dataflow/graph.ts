/**
 * The physical dataflow graph: the planner's output and the runtime's input, as plain data. Nodes are operators
 * identified by number; edges say how rows travel (forward, or hash-partitioned by key columns).
 */
import type { DataType } from '../common/types.js';
import type { Expr } from './expr.js';
import type { Schema } from './schema.js';

/**
 * Window assignment, as Flink's window TVFs define it. Sizes, slides, steps, gaps and offsets in milliseconds.
 * TUMBLE, HOP and CUMULATE windows are aligned (a record's windows depend on its timestamp alone); SESSION windows
 * merge as records arrive, per partition key.
 */
export type WindowSpec =
  | { readonly kind: 'tumble'; readonly size: number; readonly offset: number }
  /** Windows of `size` starting every `slide` (size is a multiple of slide): a record is in size/slide windows. */
  | { readonly kind: 'hop'; readonly size: number; readonly slide: number; readonly offset: number }
  /** Windows [start, start + step), [start, start + 2·step), … up to [start, start + maxSize); maxSize is a multiple of step. */
  | { readonly kind: 'cumulate'; readonly maxSize: number; readonly step: number; readonly offset: number }
  /**
   * A record at t opens [t, t + gap); windows that overlap or touch merge. `partitionKeys` are the columns (of the
   * operator's input) within whose values sessions are formed; empty = one session sequence for the whole stream.
   */
  | { readonly kind: 'session'; readonly gap: number; readonly partitionKeys: readonly number[] };

export type AlignedWindowSpec = Exclude<WindowSpec, { kind: 'session' }>;
export type SessionWindowSpec = Extract<WindowSpec, { kind: 'session' }>;

export type AggregateFunctionName = 'COUNT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

export interface AggregateCall {
  readonly fn: AggregateFunctionName;
  /** Input column index of the argument; null for COUNT(*). */
  readonly argIndex: number | null;
  readonly argType: DataType | null;
  readonly distinct: boolean;
  /** Result type (SUM of INT is INT, AVG of DECIMAL(p,s) is DECIMAL(38, max(s,6)), … as in Flink). */
  readonly type: DataType;
  /** Display text for EXPLAIN, e.g. `SUM(price)`. */
  readonly display: string;
}

/** Everything a connector needs to read or write one table. */
export interface ConnectorDescriptor {
  readonly table: string;
  /** Value of the `connector` option: filesystem, datagen, print, blackhole, or an in-process table. */
  readonly connector: string;
  readonly options: Readonly<Record<string, string>>;
  /** Physical columns the source produces / the sink receives, in order. */
  readonly schema: Schema;
}

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
}

/** Appends window_start, window_end, window_time to each row (one output row per window the row belongs to). */
export interface WindowTableFunctionSpec {
  readonly kind: 'window-tvf';
  readonly window: WindowSpec;
  readonly timeIndex: number;
  /** Table whose late-records counter counts rows dropped because all their windows had fired. */
  readonly lateTable: string;
}

/**
 * Event-time window aggregation, emitting each window's final result once, when the watermark reaches its last
 * millisecond. Output columns: keys…, window_start, window_end, window_time, aggregates….
 */
export interface WindowAggregateSpec {
  readonly kind: 'window-aggregate';
  readonly window: WindowSpec;
  readonly timeIndex: number;
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly lateTable: string;
}

/** Unbounded GROUP BY: emits +I for a new key, then -U/+U as its aggregates change (retractions in, if the input updates). */
export interface GroupAggregateSpec {
  readonly kind: 'group-aggregate';
  readonly keys: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly inputUpdates: boolean;
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
  | WatermarkAssignerSpec
  | WindowTableFunctionSpec
  | WindowAggregateSpec
  | GroupAggregateSpec
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
