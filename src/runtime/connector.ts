/**
 * The interfaces every connector implements. The runtime only knows these; `src/connectors/` holds the
 * implementations and the session passes a `ConnectorRegistry` in when it starts a job.
 */
import type { RecordBatch } from 'apache-arrow';
import type { ConnectorError } from '../common/errors.js';
import type { ConnectorDescriptor } from '../dataflow/graph.js';
import type { JobMetrics, TableMetrics } from './metrics.js';
import type { Value } from '../common/values.js';

export interface SourceContext {
  /** Preferred rows per batch (`SET 'sluice.batch-size'`); sources may emit smaller batches, never larger. */
  readonly batchSize: number;
  /** Aborted when the job is cancelled: stop reading promptly and return. */
  readonly signal: AbortSignal;
  /** Counters of this source's table (records read, malformed records skipped). */
  readonly metrics: TableMetrics;
  /**
   * Recovery: a position `snapshotPosition()` returned at the restored checkpoint. The reader starts right after
   * it: the first batch it yields begins with the first record that was not in any batch yielded before that
   * position was taken. Absent: start from the beginning (or the table's startup mode).
   */
  readonly startPosition?: SourcePosition;
  /**
   * `SET 'sluice.source.parallel-decode'`: whether file sources may decode on a worker thread — 'auto' (large files),
   * 'on' (always) or 'off'. Absent: 'auto'.
   */
  readonly parallelDecode?: ParallelDecode;
  /** `SET 'sluice.source.decode-threads'`: how many worker threads decode a file in parallel (default 1). */
  readonly decodeThreads?: number;
  /** Where malformed records skipped under ignore-parse-errors go (the session's `<table>$malformed` log). */
  readonly reportMalformed?: (record: SkippedRecord) => void;
}

/** A malformed record a source skipped under its table's ignore-parse-errors option. */
export interface SkippedRecord {
  /** What was wrong, without the location. */
  readonly error: string;
  /** Where: `file:line[:column]`, or `topic t partition p offset o`. */
  readonly location: string | null;
  /** The record's text (at most MAX_SKIPPED_TEXT characters), null when the source does not have it. */
  readonly raw: string | null;
}

/** The longest record text kept for a skipped record. */
export const MAX_SKIPPED_TEXT = 4096;

/** Counts a malformed record skipped under ignore-parse-errors and hands it to the session's log. */
export function skipMalformed(context: SourceContext, error: ConnectorError, raw: string | null): void {
  context.metrics.malformedRecords++;
  context.reportMalformed?.(skippedRecord(error, raw));
}

/** A skipped record from its error's reason and location, and its text. */
export function skippedRecord(error: { readonly reason: string; readonly location: string | undefined }, raw: string | null): SkippedRecord {
  return { error: error.reason, location: error.location ?? null, raw: raw === null ? null : raw.length > MAX_SKIPPED_TEXT ? `${raw.slice(0, MAX_SKIPPED_TEXT)}…` : raw };
}

export type ParallelDecode = 'auto' | 'on' | 'off';

/**
 * Where a source is in its input, as structured-cloneable plain data (e.g. `{ file: 'a.csv', records: 1200 }`,
 * Kafka offsets per partition, a generator's row count and RNG state). Opaque to the runtime, stored in checkpoints.
 */
export type SourcePosition = unknown;

/**
 * A batch of an upsert source (upsert-kafka) with each row's kind: +U (or +I) upserts the row by the table's key, -D
 * deletes the key (the row holds the key columns). Append-only sources yield plain record batches.
 */
export interface ChangelogBatch {
  readonly batch: RecordBatch;
  readonly rowKinds: Uint8Array;
}

/** The record batch of what a source yields (a plain batch, or a changelog batch's). */
export function batchOf(item: RecordBatch | ChangelogBatch): RecordBatch {
  return 'rowKinds' in item && 'batch' in item ? item.batch : (item as RecordBatch);
}

export function isChangelogBatch(item: RecordBatch | ChangelogBatch): item is ChangelogBatch {
  return 'rowKinds' in item && 'batch' in item;
}

export interface SourceReader {
  /**
   * Yields batches whose schema is the descriptor's schema (same field names, types, order). A bounded source
   * returns when its input is exhausted; an unbounded one runs until `signal` aborts.
   * Malformed input either throws a ConnectorError naming the location (file:line:column) or, when the table's
   * ignore-parse-errors option is set, is skipped and counted in `metrics.malformedRecords`.
   */
  read(context: SourceContext): AsyncIterable<RecordBatch | ChangelogBatch>;
  /**
   * Checkpoints: the position just after the last batch `read` has yielded (not after records read ahead into a
   * batch still being built). Called between batches, when the job injects a checkpoint barrier; the job may also
   * call it while the reader is waiting for input. A reader without it cannot take part in checkpoints (a job with
   * checkpointing enabled refuses to start on it, naming the table).
   */
  snapshotPosition?(): SourcePosition;
}

export interface SinkContext {
  readonly metrics: TableMetrics;
  /** The job's name (`SET 'pipeline.name'`, stable across restarts): two-phase-commit sinks tag what they stage with it. */
  readonly jobName?: string;
  /** Whether the job checkpoints: two-phase-commit sinks then publish only through prepareCommit/commit. */
  readonly checkpointing?: boolean;
}

export interface SinkWriter {
  open(context: SinkContext): Promise<void>;
  /** Rows in the descriptor's schema; `rowKinds` per row (absent = all +I). */
  write(batch: RecordBatch, rowKinds: Uint8Array | undefined): Promise<void>;
  /** End of input: finish and publish everything written (e.g. rename in-progress files to visible ones). */
  finish(): Promise<void>;
  /** The job failed or was cancelled: release resources; never publish half-written output. */
  abort(): Promise<void>;
  /**
   * Exactly-once sinks implement the three methods below (two-phase commit, as Flink's TwoPhaseCommittingSink).
   * With checkpointing on, the job calls `prepareCommit` at every checkpoint barrier and, instead of `finish()`, at
   * the end of input: make everything written since the last prepare durable but not visible, and return a
   * committable (structured-cloneable plain data) describing it. The committable is stored in the checkpoint.
   * Once the checkpoint is durable, the job calls `commit` with it. After a crash, the restored checkpoint's
   * committables are passed to `recover`, which commits them (again: commit must be idempotent) and removes
   * anything written after them (uncommitted files, staged rows). A sink without these is at-least-once.
   */
  prepareCommit?(checkpointId: number): Promise<SinkCommittable>;
  commit?(committable: SinkCommittable): Promise<void>;
  recover?(committables: readonly SinkCommittable[]): Promise<void>;
  /** With checkpointing on: the input has ended, so the next `prepareCommit` is the job's last (e.g. commit everything). */
  inputEnded?(): void;
  /** The watermark the sink has seen so far (for sinks whose commits follow event time). */
  watermark?(watermark: number): void;
}

/** What a two-phase-commit sink needs to publish one checkpoint's output; plain data, stored in the checkpoint. */
export type SinkCommittable = unknown;

/**
 * A lookup table (the right side of a processing-time temporal join): rows fetched by key as probe rows arrive.
 * Created for a fixed list of key columns; `lookup` returns the table's rows (values in the descriptor's schema
 * order) whose key columns equal `key` (one value per key column, never NULL) at the time of the call.
 */
export interface LookupReader {
  open(): Promise<void> | void;
  lookup(key: readonly Value[]): Promise<Value[][]> | Value[][];
  close(): Promise<void> | void;
}

export interface ConnectorRegistry {
  createSource(descriptor: ConnectorDescriptor): SourceReader;
  createSink(descriptor: ConnectorDescriptor): SinkWriter;
  /** A lookup reader on `descriptor`'s table keyed by `keyColumns` (indexes in its schema). */
  createLookup(descriptor: ConnectorDescriptor, keyColumns: readonly number[]): LookupReader;
}

export type { JobMetrics };

/**
 * Splits (Flink's source splits, e.g. Kafka partitions), an optional extension of a source. A source with several
 * splits tells, for every batch it yields, which split each row comes from; the table's watermark assigner then
 * keeps one watermark per split and emits the minimum over the splits that are neither idle nor finished. A split
 * that has produced nothing yet holds the watermark back (as in Flink) until it is idle or finished.
 *
 * The channel is found through the table's `TableMetrics`, the one object a job gives both the source (in its
 * SourceContext) and the assigner (through `jobMetrics.table(name)`). Rows flow one to one and in order from the
 * source to the assigner (at most a computed-column Calc in between), so the assigner takes one entry per batch.
 * When two sources of one job read the same table (a self-join), the channel is disabled and both fall back to a
 * single table-wide watermark.
 */
export interface SplitDescription {
  /** A small non-negative id, unique within the table, shown in SHOW WATERMARKS' `split` column. */
  readonly id: number;
  /** e.g. `bids/3` (topic/partition). */
  readonly name: string;
}

/** The splits of the rows of one batch, and the splits that ended with it (bounded reads). */
export interface BatchSplits {
  readonly rowSplits: Int32Array;
  readonly finishedAfter: readonly number[];
}

export class SourceSplitChannel {
  private readers = 0;
  private announced: readonly SplitDescription[] | undefined;
  private finishedAtStart: readonly number[] = [];
  private idleTimeoutMs = 0;
  private readonly pending: BatchSplits[] = [];

  /** Called synchronously at the start of `read()`, before any await, so that all readers register before data flows. */
  register(): void {
    this.readers++;
  }

  /** Whether split tracking is on: exactly one reader registered and announced its splits. */
  get active(): boolean {
    return this.readers === 1 && this.announced !== undefined;
  }

  /**
   * The reader's splits, the table's idle timeout in ms (0: splits never go idle) and the splits that have nothing
   * to read (bounded reads of empty partitions). Called before the first batch.
   */
  announce(splits: readonly SplitDescription[], idleTimeoutMs: number, finished: readonly number[] = []): void {
    this.announced = [...splits];
    this.idleTimeoutMs = idleTimeoutMs;
    this.finishedAtStart = [...finished];
  }

  /**
   * Splits found while reading (Kafka partition discovery), announced before any of their rows: the assigner adds
   * them at its next batch or idleness check, and a new split holds the watermark back like one that has produced
   * nothing yet (never moving it backwards).
   */
  addSplits(splits: readonly SplitDescription[]): void {
    if (this.announced) this.announced = [...this.announced, ...splits];
  }

  get splits(): readonly SplitDescription[] {
    return this.announced ?? [];
  }

  get initiallyFinished(): readonly number[] {
    return this.finishedAtStart;
  }

  get idleTimeout(): number {
    return this.idleTimeoutMs;
  }

  /**
   * Before yielding a batch: the split of each of its rows, and the splits whose last row is in it (or in an
   * earlier batch) and that no longer hold the watermark back once the batch is processed.
   */
  push(rowSplits: Int32Array, finishedAfter: readonly number[] = []): void {
    if (this.readers === 1) this.pending.push({ rowSplits, finishedAfter });
  }

  /** The assigner takes the splits of the next batch it processes. */
  take(): BatchSplits | undefined {
    return this.pending.shift();
  }
}

const SPLIT_CHANNELS = new WeakMap<TableMetrics, SourceSplitChannel>();

/** The split channel of one table in one job (created on first use). */
export function sourceSplitChannel(metrics: TableMetrics): SourceSplitChannel {
  let channel = SPLIT_CHANNELS.get(metrics);
  if (!channel) SPLIT_CHANNELS.set(metrics, (channel = new SourceSplitChannel()));
  return channel;
}
