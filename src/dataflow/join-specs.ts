/**
 * The join operators' specs in the dataflow graph (window, regular, interval, temporal and lookup joins); the graph
 * module re-exports them.
 */
import type { Expr } from './expr.js';
import type { ConnectorDescriptor, LateRowMapping, WindowSpec } from './graph.js';

/** The join types of a window join (Flink's INNER / LEFT / RIGHT / FULL OUTER window joins). */
export type WindowJoinType = 'inner' | 'left' | 'right' | 'full';

/**
 * The join types of a regular join: a window join's, plus Flink's semi and anti joins (`semi`: a left row is output
 * while it has at least one match; `anti`: while it has none; the output has only the left columns).
 */
export type RegularJoinType = WindowJoinType | 'semi' | 'anti';

/** One input of a window join: where its window columns are, its join keys, and whose late counter it feeds. */
export interface WindowJoinSide {
  /** Columns of this input compared for equality with the other side's `keys`, position by position (same types). */
  readonly keys: readonly number[];
  readonly windowStartIndex: number;
  readonly windowEndIndex: number;
  /** Table whose late-records counter counts this side's rows that arrive after their window fired. */
  readonly lateTable: string;
}

/**
 * Event-time window join (Flink's window join): rows of both inputs are buffered per window (by window_end) and
 * joined once, when the combined watermark reaches the window's last millisecond; outer joins pad the unmatched
 * side with NULLs. Output columns: the left input's columns, then the right input's. Append-only.
 */
export interface WindowJoinSpec {
  readonly kind: 'window-join';
  readonly joinType: WindowJoinType;
  /** The windowing both inputs share (for EXPLAIN). */
  readonly window: WindowSpec;
  readonly left: WindowJoinSide;
  readonly right: WindowJoinSide;
  /** Extra ON condition over a joined row (left columns, then right columns); null when there is none. */
  readonly residual: Expr | null;
}

/**
 * Regular join of two unbounded inputs (Flink's StreamingJoinOperator): every row of each side is kept in keyed state
 * by its join key; a row joins the other side's stored rows with the same key for which `residual` is TRUE. Output
 * columns: the left input's, then the right input's (time attributes materialised). Emits +I for new joined rows and
 * -D for retracted ones; an outer side's row without matches is emitted NULL-padded (+I), retracted (-D) when its
 * first match arrives and emitted again when its last match goes. Inputs may carry retractions (-U/-D).
 */
export interface RegularJoinSpec {
  readonly kind: 'join';
  readonly joinType: RegularJoinType;
  /** Columns of the left input equated with the right input's `rightKeys`, position by position. */
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  /** Extra ON condition over a joined row (left columns, then right columns); null when there is none. */
  readonly residual: Expr | null;
  /** `'table.exec.state.ttl'` in ms: a side's rows for a key are dropped after this much processing time without a row for that key on that side. */
  readonly stateTtl?: number;
  /** Keys compare with IS NOT DISTINCT FROM (NULL matches NULL), as INTERSECT and EXCEPT need; default `=`. */
  readonly nullSafeKeys?: boolean;
}

/** One input of an interval join: its join keys, its time attribute, and whose late counter it feeds. */
export interface IntervalJoinSide {
  readonly keys: readonly number[];
  readonly timeIndex: number;
  readonly lateTable: string;
  /** How a late row maps onto its table's columns for the late-record log (see `LateRowMapping`). */
  readonly lateRow?: LateRowMapping;
}

/**
 * Event-time interval join (Flink's interval join): a left row at time l and a right row at time r with equal keys
 * join when `lowerBound <= l - r <= upperBound` (ms) and `residual` is TRUE. Rows are kept until the combined
 * watermark guarantees no more matches, then purged; an outer side's row purged without a match is emitted
 * NULL-padded. Rows whose time is at or below the watermark on arrival are late: dropped and counted. Append-only;
 * output columns: left then right, time attributes kept.
 */
export interface IntervalJoinSpec {
  readonly kind: 'interval-join';
  readonly joinType: WindowJoinType;
  /**
   * `processing`: both time columns are PROCTIME() attributes (Flink's ProcTimeIntervalJoin) — rows are never late,
   * and are purged on the wall clock instead of the watermark; absent: event time.
   */
  readonly timeMode?: 'processing';
  readonly left: IntervalJoinSide;
  readonly right: IntervalJoinSide;
  readonly lowerBound: number;
  readonly upperBound: number;
  readonly residual: Expr | null;
}

/**
 * Event-time temporal join (Flink's TemporalRowTimeJoin, `JOIN r FOR SYSTEM_TIME AS OF l.time`): input 0 is the
 * left side (append-only), input 1 the versioned right side (rows by key; +I/+U start a version at their time, -D
 * ends it, -U is ignored). A left row is buffered until the combined watermark reaches its time, then joined with
 * the right row of its key valid at that time (latest version time <= left time) when `residual` is TRUE; a LEFT
 * join pads it with NULLs otherwise. Left rows below the watermark on arrival are late: dropped and counted.
 * Versions no pending or future left row can need are purged. Append-only; output: left columns then right.
 */
export interface TemporalJoinSpec {
  readonly kind: 'temporal-join';
  readonly joinType: WindowJoinType;
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  readonly residual: Expr | null;
  readonly leftTimeIndex: number;
  readonly rightTimeIndex: number;
  /** Table whose late-records counter counts late left rows. */
  readonly lateTable: string;
  readonly lateRow?: LateRowMapping;
}

/**
 * Flink's lookup cache (`'lookup.cache'`): NONE, or PARTIAL — an LRU of lookup results by key, bounded by
 * `maxRows` and expiring entries `expireAfterWrite` ms after they were loaded and/or `expireAfterAccess` ms after
 * they were last read; `cacheMissingKey` also caches "no row" results. Absent bounds: none of that kind.
 */
export type LookupCacheSpec =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'partial';
      readonly maxRows?: number;
      readonly expireAfterWrite?: number;
      readonly expireAfterAccess?: number;
      readonly cacheMissingKey: boolean;
    };

/** One lookup key: a column of the lookup table equated with an expression over the probe (left) row. */
export interface LookupKey {
  /** Column index in the lookup table's schema (`connector.schema`). */
  readonly column: number;
  /** Over the probe row; already of the lookup column's type. A literal for a constant equality (`c.status = 'x'`). */
  readonly probe: Expr;
}

/**
 * Processing-time temporal join against a lookup table (Flink's LookupJoin, `JOIN t FOR SYSTEM_TIME AS OF
 * l.proc_time`): one input, the probe (left) side. Each probe row queries the lookup table (through the cache) for
 * the rows whose `keys` columns equal the probe's key values, at the moment it is processed; the joined rows where
 * `residual` (over left columns then lookup columns) is TRUE are emitted, with the probe row's row kind. A LEFT join
 * pads a probe row without such a row with NULLs; a NULL key value matches nothing. No checkpointed state (the
 * cache is rebuilt after a restart). Output: left columns, then the lookup table's columns.
 */
export interface LookupJoinSpec {
  readonly kind: 'lookup-join';
  readonly joinType: 'inner' | 'left';
  /** The lookup table (its physical columns). */
  readonly connector: ConnectorDescriptor;
  readonly keys: readonly LookupKey[];
  readonly residual: Expr | null;
  readonly cache: LookupCacheSpec;
}
