/** Options of the `sqlite` sink: `path` (the database file) and `table-name` (default: the Sluice table's name). */
import * as path from 'node:path';
import type { ConnectorDescriptor } from '../../dataflow/graph.js';
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

const KEYS = ['path', 'table-name'];

export function readSqliteSinkOptions(descriptor: ConnectorDescriptor, baseDirectory: string): SqliteSinkOptions {
  const options = new ConnectorOptions(descriptor);
  options.rejectUnknownKeys((key) => KEYS.includes(key), KEYS);
  const displayPath = options.required('path');
  if (displayPath.trim() === '') throw options.error("option 'path' must not be empty");
  const tableName = options.optional('table-name') ?? descriptor.table;
  if (tableName.trim() === '') throw options.error("option 'table-name' must not be empty");
  return {
    table: descriptor.table,
    path: path.resolve(baseDirectory, displayPath),
    displayPath,
    tableName,
    primaryKey: descriptor.primaryKey ?? [],
  };
}
