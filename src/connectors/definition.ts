/** How a connector plugs into the registry: which roles it plays, how its options are checked, how it is built. */
import type { DataType } from '../common/types.js';
import type { ConnectorDescriptor } from '../dataflow/graph.js';
import type { LookupReader, SinkWriter, SourceReader } from '../runtime/connector.js';
import type { LookupOptions } from './lookup-options.js';
import type { InProcessSource } from './in-process/source.js';

/** 'lookup': the right side of a processing-time temporal join (a lookup join), rows fetched by key. */
export type ConnectorRole = 'source' | 'sink' | 'lookup';

/** What connectors may need from the session that starts a job. */
export interface ConnectorEnvironment {
  /** Relative `path` options resolve against this directory. */
  readonly baseDirectory: string;
  /** Where the `print` sink writes its lines. */
  readonly printLine: (line: string) => void;
  /** Tables registered through the embedded API, by table name. */
  readonly inProcessTables: ReadonlyMap<string, InProcessSource>;
}

export interface ConnectorDefinition {
  readonly name: string;
  readonly roles: readonly ConnectorRole[];
  /**
   * The record metadata a source of this connector offers (`… METADATA FROM 'key'`), by key, with the SQL type the
   * column must have; absent: no metadata (METADATA columns are refused).
   */
  readonly metadata?: Readonly<Record<string, DataType>>;
  /** What its sources emit: 'upsert' = upserts and deletes by the table's PRIMARY KEY (default: inserts only). */
  readonly sourceChangelog?: 'upsert';
  /** The metadata keys a sink of this connector writes (non-VIRTUAL METADATA columns); others must be VIRTUAL. */
  readonly writableMetadata?: readonly string[];
  /** Checks options at plan time; throws ConnectorError. */
  validate(role: ConnectorRole, descriptor: ConnectorDescriptor): void;
  createSource?(descriptor: ConnectorDescriptor, environment: ConnectorEnvironment): SourceReader;
  createSink?(descriptor: ConnectorDescriptor, environment: ConnectorEnvironment): SinkWriter;
  /** Connectors with the 'lookup' role: the table's lookup options (cache, retries); throws ConnectorError. */
  readLookupOptions?(descriptor: ConnectorDescriptor): LookupOptions;
  /** Connectors with the 'lookup' role: a reader fetching rows by the given key columns (indexes in the schema). */
  createLookup?(descriptor: ConnectorDescriptor, keyColumns: readonly number[], environment: ConnectorEnvironment): LookupReader;
}
