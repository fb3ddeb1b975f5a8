/**
 * Public types of the embedded API (`import { Engine } from 'sluice'`). The CLI and the REPL use only these.
 *
 * Values in result rows (`Row`): BOOLEAN → boolean, INT/DOUBLE → number, BIGINT → bigint (exact),
 * DECIMAL → string with exactly the type's scale (exact, e.g. '11.00'), STRING → string,
 * TIMESTAMP(p) → string 'yyyy-MM-dd HH:mm:ss.SSS' with p fraction digits (a timestamp without time zone has no
 * instant, so no Date), TIMESTAMP_LTZ(p) → Date (an instant) for p ≤ 3, ISO text in UTC with p fraction digits for
 * p 4–9 ('2020-01-01T10:00:00.123456Z': a Date holds milliseconds only), FLOAT → number (a float32 value),
 * BYTES → Uint8Array, ROW → an object by field name, ARRAY → an array, MAP → a Map, a day-time interval (column type
 * `INTERVAL SECOND(3)`) → number of milliseconds, a year-month interval (`INTERVAL MONTH`) → number of months (the CLI
 * shows them as Flink does, `+0 00:00:01.000` and `+1-02`); NULL → null.
 */

import type { RecordBatch } from 'apache-arrow';

export type RowKindName = '+I' | '-U' | '+U' | '-D';

export type ResultValue =
  | null | boolean | number | bigint | string
  /** TIMESTAMP_LTZ(p ≤ 3): an instant */
  | Date
  /** BYTES */
  | Uint8Array
  /** ARRAY */
  | ResultValue[]
  /** MAP (keys and values converted as the rest) */
  | Map<ResultValue, ResultValue>
  /** ROW: its fields by name */
  | { [field: string]: ResultValue };

export type Row = Record<string, ResultValue>;

export interface Change {
  readonly op: RowKindName;
  readonly row: Row;
}

export interface ColumnInfo {
  readonly name: string;
  /** Flink's display form: `DECIMAL(10, 2)`, `TIMESTAMP(3) *ROWTIME*`. */
  readonly type: string;
  readonly nullable: boolean;
  /** TIMESTAMP_LTZ columns: the session time zone their instants are shown in ('table.local-time-zone'). */
  readonly timeZone?: string;
}

export interface TableCounters {
  readonly table: string;
  readonly recordsRead: number;
  readonly recordsWritten: number;
  readonly lateRecords: number;
  readonly malformedRecords: number;
  readonly nullRowtimeRecords: number;
  /** Rows dropped because their rowtime was beyond `'table.exec.watermark.max-future-skew'` of the wall clock. */
  readonly futureRecords?: number;
  /** A lookup table: probe keys answered from its lookup cache (`'lookup.cache' = 'PARTIAL'`). */
  readonly lookupCacheHits?: number;
  /** A lookup table: probe keys queried from the table (not cached, expired, or no cache). */
  readonly lookupCacheMisses?: number;
  /** A Kafka source: per `topic/partition`, records between what it has read and the partition's end (consumer lag). */
  readonly lag?: Readonly<Record<string, number>>;
}

/** One operator's counters: rows in and out, rows it dropped, and its watermark. */
export interface OperatorCounters {
  /** Display name, as in EXPLAIN plus the node id: `WindowAggregate#5`. */
  readonly name: string;
  readonly recordsIn: number;
  readonly recordsOut: number;
  /** Rows dropped as late (their windows had fired, beyond any allowed lateness); they are in `<table>$late`. */
  readonly lateRecords: number;
  /** Rows dropped as too far in the future (max-future-skew); they are in `<table>$late` too. */
  readonly futureRecords: number;
  /** 'yyyy-MM-dd HH:mm:ss.SSS', null before the first watermark, 'end of input' after the last. */
  readonly watermark: string | null;
}

export interface JobSummary {
  readonly jobName: string;
  readonly status: 'finished' | 'cancelled' | 'failed';
  readonly elapsedMs: number;
  /** Rows read by all sources. */
  readonly recordsIn: number;
  readonly tables: readonly TableCounters[];
  /** Per-operator counters (absent only in summaries made outside the Engine). */
  readonly operators?: readonly OperatorCounters[];
  /** Checkpoints of this run, when `'execution.checkpointing.interval'` is set. */
  readonly checkpoints?: CheckpointSummary;
  /**
   * Event-time window aggregations: ms from the watermark passing a window's end (its last millisecond) to the
   * window's rows being emitted, over the windows fired before end of input.
   */
  readonly emitLatency?: { readonly p50: number; readonly p99: number; readonly windows: number };
  readonly error?: Error;
}

export interface CheckpointSummary {
  /** The checkpoint this run resumed from (`id`, `kind`: checkpoint, final or savepoint), if any. */
  readonly restoredFrom?: { readonly id: number; readonly kind: string; readonly completedAt: number };
  /** The job had finished in an earlier run: this run only completed that run's last commit, if a crash had cut it. */
  readonly alreadyFinished: boolean;
  /** Checkpoints completed by this run (the final one included). */
  readonly completed: number;
  readonly lastId?: number;
  /** Longest pause of the sources for one checkpoint, ms. */
  readonly maxPauseMs: number;
}

/** SHOW WATERMARKS / `engine.watermarks()`: why a job's windows have (not) fired. */
export interface WatermarkReport {
  readonly jobName: string;
  readonly status: 'running' | 'finished' | 'cancelled' | 'failed';
  /** One entry per source table and split (Sluice's sources have one split each: 0). */
  readonly sources: readonly SourceWatermark[];
  /** One entry per window operator. */
  readonly windows: readonly WindowWatermark[];
}

export interface SourceWatermark {
  readonly table: string;
  readonly split: number;
  /** The current watermark: 'yyyy-MM-dd HH:mm:ss.SSS', null before the first, 'end of input' after the last. */
  readonly watermark: string | null;
  /** The largest event time seen so far (null before the first record). */
  readonly maxEventTime: string | null;
  readonly records: number;
  readonly idle: boolean;
}

export interface WindowWatermark {
  /** e.g. `WindowAggregate#5`. */
  readonly operator: string;
  /** The watermark the operator has acted on. */
  readonly watermark: string | null;
  readonly openWindows: number;
  /** The open window that fires next (smallest end), or null when none is open. */
  readonly oldestOpenWindow: { readonly start: string; readonly end: string } | null;
  /** Event time that must still pass before it fires: window_end − 1 ms − watermark (null: no open window or no watermark yet). */
  readonly remainingMs: number | null;
}

export interface JobHandle {
  readonly jobName: string;
  /** 32 hex digits, unique per engine (as Flink's job ids): SHOW JOBS, STOP JOB '<id>' and the REST API use it. */
  readonly jobId: string;
  /** Resolves when the job ends (bounded input exhausted, or cancelled); rejects with the job's error if it fails. */
  done(): Promise<JobSummary>;
  /** Stops the job cleanly (sinks abort: nothing half-written becomes visible). */
  cancel(): Promise<void>;
  /** Counters so far. */
  counters(): readonly TableCounters[];
}

/** A continuous query's result: an async iterable of changes. */
export interface QueryResult extends AsyncIterable<Change> {
  readonly columns: readonly ColumnInfo[];
  /** True if the result can contain -U/+U/-D (an updating query), false if insert-only. */
  readonly updating: boolean;
  /**
   * Runs to the end of bounded input and returns the final rows (changes applied, in arrival order; for a top-level
   * `ORDER BY … LIMIT` whose keys are output columns, in that order).
   */
  toArray(): Promise<Row[]>;
  cancel(): Promise<void>;
  /** Resolves when the underlying job ends. */
  done(): Promise<JobSummary>;
}

export type StatementResult =
  /** DDL, SET, RESET: a message such as "Table 'bids' created." */
  | { readonly kind: 'ok'; readonly message: string }
  /** SHOW TABLES, DESCRIBE, SET (listing), EXPLAIN: a small finished table. EXPLAIN has one column `plan`. */
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly ResultValue[])[] }
  /** INSERT INTO: a running job. */
  | { readonly kind: 'job'; readonly job: JobHandle }
  /** A top-level SELECT: a running query. */
  | { readonly kind: 'query'; readonly result: QueryResult };

export interface EngineOptions {
  /** Initial settings, as if given by SET statements (e.g. `{ 'state.backend': 'sqlite' }`). */
  readonly config?: Readonly<Record<string, string>>;
  /** Where the `print` sink writes lines; default: process.stdout. */
  readonly printLine?: (line: string) => void;
  /** Base directory for relative paths in table options; default: process.cwd(). */
  readonly baseDirectory?: string;
  /** Base directory for relative module paths of CREATE FUNCTION … LANGUAGE JAVASCRIPT; default: process.cwd(). */
  readonly functionDirectory?: string;
}

/** A column of an in-process table: `{ name: 'price', type: 'DECIMAL(10, 2)' }`. */
export interface InProcessColumn {
  readonly name: string;
  /** A SQL type as written in DDL. */
  readonly type: string;
}

export interface InProcessTable {
  readonly columns: readonly InProcessColumn[];
  /**
   * The rows, as objects keyed by column name. TIMESTAMP accepts 'yyyy-MM-dd HH:mm:ss[.SSS]' strings, Date
   * (its UTC wall clock) or epoch-millisecond numbers; DECIMAL and BIGINT accept strings, bigints or numbers.
   */
  readonly rows?: Iterable<object> | AsyncIterable<object>;
  /**
   * Instead of `rows`: Apache Arrow record batches already in the table's schema (the columns' Arrow types, in order:
   * see docs/sql.md), passed to the query as they are — no per-row conversion (the benchmarks' engine-alone mode).
   */
  readonly batches?: Iterable<RecordBatch> | AsyncIterable<RecordBatch>;
  /** Event time: the rowtime column and a watermark expression in SQL, e.g. `{ column: 'ts', expression: "ts - INTERVAL '1' SECOND" }`. */
  readonly watermark?: { readonly column: string; readonly expression: string };
}

/** `engine.restorePreview(insert)`: what a run would restore (`sluice run --dry-run`). */
export interface RestorePreview {
  readonly jobName: string;
  /** e.g. `checkpoint 12 in .sluice/state/orders`, or null when the job would start empty. */
  readonly source: string | null;
  readonly decisions: readonly {
    readonly operator: string;
    readonly uid: string;
    readonly action: 'restored' | 'dropped' | 'empty';
    readonly detail?: string;
  }[];
}

/**
 * A user-defined scalar function (`engine.registerFunction('count_char', { parameters: ['STRING', 'STRING'],
 * returns: 'INT', eval: (s, c) => … })`): parameter and result types in SQL; `eval` gets the arguments as result
 * values (NULL as null) and returns a value of the result type (as an in-process table row would hold it).
 */
export interface ScalarFunctionDefinition {
  readonly parameters: readonly string[];
  readonly returns: string;
  readonly eval: (...args: ResultValue[]) => unknown;
}
