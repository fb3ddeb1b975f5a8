/** Options of the `filesystem` connector: `path` (file or directory) and `format` with the format's own options. */
import * as path from 'node:path';
import type { ConnectorDescriptor } from '../../dataflow/graph.js';
import { createFormat, FORMAT_NAMES, FORMAT_OPTION_KEYS, type Format, type FormatName } from '../formats/index.js';
import { ConnectorOptions, SOURCE_OPTION_KEYS, sourceIdleTimeout } from '../options.js';
import { DEFAULT_PARTITION_NAME, partitionLayout, type PartitionLayout } from './partitions.js';

export interface FilesystemOptions {
  readonly table: string;
  /** Absolute path of the file or directory. */
  readonly path: string;
  /** The path as the user wrote it (without `file://`), used in error locations. */
  readonly displayPath: string;
  /** The format of the files: of the data columns only when the table is partitioned. */
  readonly format: Format;
  /** `PARTITIONED BY`: the directory levels and the columns the files hold; absent for a table without partitions. */
  readonly partition?: PartitionLayout;
}

/** Validates the options of a filesystem table; `baseDirectory` resolves relative paths. */
export function readFilesystemOptions(descriptor: ConnectorDescriptor, baseDirectory: string): FilesystemOptions {
  const options = new ConnectorOptions(descriptor);
  const written = options.required('path');
  const partitionKeys = descriptor.partitionKeys ?? [];
  const partition = partitionKeys.length === 0 ? undefined : partitionLayout(descriptor.schema, partitionKeys, options.optional('partition.default-name') ?? DEFAULT_PARTITION_NAME);
  const readMask = partition && descriptor.readMask ? partition.dataColumns.map((c) => descriptor.readMask![c]!) : descriptor.readMask;
  const format = createFormat(options, partition?.dataSchema ?? descriptor.schema, readMask);
  const formatKeys = FORMAT_OPTION_KEYS[format.name as FormatName] ?? [];
  for (const key of options.keys()) {
    const owner = FORMAT_NAMES.find((name) => name !== format.name && FORMAT_OPTION_KEYS[name].includes(key));
    if (owner !== undefined) throw options.error(`option '${key}' belongs to format '${owner}', but 'format' is '${format.name}'`);
  }
  const known = ['path', 'format', ...formatKeys, ...SOURCE_OPTION_KEYS, ...(partition ? ['partition.default-name'] : [])];
  options.rejectUnknownKeys((key) => known.includes(key), known);
  sourceIdleTimeout(descriptor);
  const displayPath = written.startsWith('file://') ? written.slice('file://'.length) : written;
  if (displayPath.trim() === '') throw options.error("option 'path' must not be empty");
  return { table: descriptor.table, path: path.resolve(baseDirectory, displayPath), displayPath, format, ...(partition ? { partition } : {}) };
}
