/**
 * Public types of the embedded API (`import { Engine } from 'sluice'`). The CLI and the REPL use only these.
 *
 * Values in result rows (`Row`): BOOLEAN → boolean, INT/DOUBLE → number, BIGINT → bigint (exact),
 * DECIMAL → string with exactly the type's scale (exact, e.g. '11.00'), STRING → string,
 * TIMESTAMP → string 'yyyy-MM-dd HH:mm:ss.SSS' (a timestamp without time zone has no instant, so no Date),
 * NULL → null.
 */

export type RowKindName = '+I' | '-U' | '+U' | '-D';

export type ResultValue = null | boolean | number | bigint | string;

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
}

export interface TableCounters {
  readonly table: string;
  readonly recordsRead: number;
  readonly recordsWritten: number;
  readonly lateRecords: number;
  readonly malformedRecords: number;
  readonly nullRowtimeRecords: number;
}

export interface JobSummary {
  readonly jobName: string;
  readonly status: 'finished' | 'cancelled' | 'failed';
  readonly elapsedMs: number;
  /** Rows read by all sources. */
  readonly recordsIn: number;
  readonly tables: readonly TableCounters[];
  readonly error?: Error;
}

export interface JobHandle {
  readonly jobName: string;
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
  /** Runs to the end of bounded input and returns the final rows (changes applied, in arrival order). */
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
  readonly rows: Iterable<object> | AsyncIterable<object>;
  /** Event time: the rowtime column and a watermark expression in SQL, e.g. `{ column: 'ts', expression: "ts - INTERVAL '1' SECOND" }`. */
  readonly watermark?: { readonly column: string; readonly expression: string };
}
