/**
 * The interfaces every connector implements. The runtime only knows these; `src/connectors/` holds the
 * implementations and the session passes a `ConnectorRegistry` in when it starts a job.
 */
import type { RecordBatch } from 'apache-arrow';
import type { ConnectorDescriptor } from '../dataflow/graph.js';
import type { JobMetrics, TableMetrics } from './metrics.js';

export interface SourceContext {
  /** Preferred rows per batch (`SET 'sluice.batch-size'`); sources may emit smaller batches, never larger. */
  readonly batchSize: number;
  /** Aborted when the job is cancelled: stop reading promptly and return. */
  readonly signal: AbortSignal;
  /** Counters of this source's table (records read, malformed records skipped). */
  readonly metrics: TableMetrics;
}

export interface SourceReader {
  /**
   * Yields batches whose schema is the descriptor's schema (same field names, types, order). A bounded source
   * returns when its input is exhausted; an unbounded one runs until `signal` aborts.
   * Malformed input either throws a ConnectorError naming the location (file:line:column) or, when the table's
   * ignore-parse-errors option is set, is skipped and counted in `metrics.malformedRecords`.
   */
  read(context: SourceContext): AsyncIterable<RecordBatch>;
}

export interface SinkContext {
  readonly metrics: TableMetrics;
}

export interface SinkWriter {
  open(context: SinkContext): Promise<void>;
  /** Rows in the descriptor's schema; `rowKinds` per row (absent = all +I). */
  write(batch: RecordBatch, rowKinds: Uint8Array | undefined): Promise<void>;
  /** End of input: finish and publish everything written (e.g. rename in-progress files to visible ones). */
  finish(): Promise<void>;
  /** The job failed or was cancelled: release resources; never publish half-written output. */
  abort(): Promise<void>;
}

export interface ConnectorRegistry {
  createSource(descriptor: ConnectorDescriptor): SourceReader;
  createSink(descriptor: ConnectorDescriptor): SinkWriter;
}

export type { JobMetrics };
