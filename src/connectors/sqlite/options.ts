/**
 * Options of the `sqlite` connector: `path` (the database file) and `table-name` (default: the Sluice table's
 * name); as a lookup table also Flink's lookup options (`lookup.cache`, …; see ../lookup-options.ts), which the
 * sink accepts and ignores, so that one DDL serves a job writing the table and another looking it up.
 */
import * as path from 'node:path';
import type { ConnectorDescriptor } from '../../dataflow/graph.js';
import { LOOKUP_OPTION_KEYS, readLookupOptions, type LookupOptions } from '../lookup-options.js';
import { ConnectorOptions } from '../options.js';

export interface SqliteSinkOptions {
  readonly table: string;
  /** Absolute path of the database file. */
  readonly path: string;
  /** The path as written, for messages. */
  readonly displayPath: string;
  /** The SQLite table rows go to. */
  readonly tableName: string;
  /** Primary key columns (from the DDL's `PRIMARY KEY (…) NOT ENFORCED`); empty: append-only. */
  readonly primaryKey: readonly string[];
}

export interface SqliteLookupOptions extends LookupOptions {
  readonly table: string;
  /** Absolute path of the database file. */
  readonly path: string;
  /** The path as written, for messages. */
  readonly displayPath: string;
  /** The SQLite table rows are looked up in. */
  readonly tableName: string;
}

const KEYS = ['path', 'table-name', ...LOOKUP_OPTION_KEYS];

export function readSqliteSinkOptions(descriptor: ConnectorDescriptor, baseDirectory: string): SqliteSinkOptions {
  const options = new ConnectorOptions(descriptor);
  const { displayPath, tableName } = readLocation(options, descriptor);
  readLookupOptions(options);
  return {
    table: descriptor.table,
    path: path.resolve(baseDirectory, displayPath),
    displayPath,
    tableName,
    primaryKey: descriptor.primaryKey ?? [],
  };
}

export function readSqliteLookupOptions(descriptor: ConnectorDescriptor, baseDirectory: string): SqliteLookupOptions {
  const options = new ConnectorOptions(descriptor);
  const { displayPath, tableName } = readLocation(options, descriptor);
  return { ...readLookupOptions(options), table: descriptor.table, path: path.resolve(baseDirectory, displayPath), displayPath, tableName };
}

function readLocation(options: ConnectorOptions, descriptor: ConnectorDescriptor): { displayPath: string; tableName: string } {
  options.rejectUnknownKeys((key) => KEYS.includes(key), KEYS);
  const displayPath = options.required('path');
  if (displayPath.trim() === '') throw options.error("option 'path' must not be empty");
  const tableName = options.optional('table-name') ?? descriptor.table;
  if (tableName.trim() === '') throw options.error("option 'table-name' must not be empty");
  return { displayPath, tableName };
}
