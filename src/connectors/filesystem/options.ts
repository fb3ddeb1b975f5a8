/** Options of the `filesystem` connector: `path` (file or directory) and `format` with the format's own options. */
import * as path from 'node:path';
import type { ConnectorDescriptor } from '../../dataflow/graph.js';
import { createFormat, FORMAT_NAMES, FORMAT_OPTION_KEYS, type Format, type FormatName } from '../formats/index.js';
import { ConnectorOptions, SOURCE_OPTION_KEYS, sourceIdleTimeout } from '../options.js';
import { canonicalTimeZone } from '../../common/time-zone.js';
import { compileFormatter, type PartitionTimeExtractor } from './partition-time.js';
import { DEFAULT_PARTITION_NAME, PARTITION_COMMIT_OPTION_KEYS, partitionLayout, type PartitionCommit, type PartitionLayout } from './partitions.js';

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
  const layout = partitionKeys.length === 0 ? undefined : partitionLayout(descriptor.schema, partitionKeys, options.optional('partition.default-name') ?? DEFAULT_PARTITION_NAME);
  const commit = layout ? partitionCommit(options) : undefined;
  const partition = layout && commit ? { ...layout, commit } : layout;
  const readMask = partition && descriptor.readMask ? partition.dataColumns.map((c) => descriptor.readMask![c]!) : descriptor.readMask;
  const format = createFormat(options, partition?.dataSchema ?? descriptor.schema, readMask);
  const formatKeys = FORMAT_OPTION_KEYS[format.name as FormatName] ?? [];
  for (const key of options.keys()) {
    const owner = FORMAT_NAMES.find((name) => name !== format.name && FORMAT_OPTION_KEYS[name].includes(key));
    if (owner !== undefined) throw options.error(`option '${key}' belongs to format '${owner}', but 'format' is '${format.name}'`);
  }
  const known = ['path', 'format', ...formatKeys, ...SOURCE_OPTION_KEYS, ...(partition ? ['partition.default-name', ...PARTITION_COMMIT_OPTION_KEYS] : [])];
  options.rejectUnknownKeys((key) => known.includes(key), known);
  sourceIdleTimeout(descriptor);
  const resolved = resolveFilesystemPath(written, baseDirectory);
  if (resolved.displayPath.trim() === '') throw options.error("option 'path' must not be empty");
  return { table: descriptor.table, ...resolved, format, ...(partition ? { partition } : {}) };
}

/** A `'path'` option as written (`file://` allowed) → the absolute path, and the path to show in messages. */
export function resolveFilesystemPath(written: string, baseDirectory: string): { path: string; displayPath: string } {
  const displayPath = written.startsWith('file://') ? written.slice('file://'.length) : written;
  return { path: path.resolve(baseDirectory, displayPath), displayPath };
}

/** 'sink.partition-commit.*': the success-file policy on the process-time trigger; undefined without a policy. */
function partitionCommit(options: ConnectorOptions): PartitionCommit | undefined {
  const trigger = options.choice('sink.partition-commit.trigger', ['process-time', 'partition-time'] as const, 'process-time');
  const kinds = options.optional('sink.partition-commit.policy.kind');
  if (kinds === undefined) return undefined;
  for (const kind of kinds.split(',').map((k) => k.trim().toLowerCase())) {
    if (kind !== 'success-file') {
      throw options.error(`partition commit policy '${kind}' is not supported${kind === 'metastore' ? ' (a filesystem table has no metastore)' : ' yet'}`, "use 'success-file'");
    }
  }
  const commit = { delay: options.duration('sink.partition-commit.delay') ?? 0, successFileName: options.optional('sink.partition-commit.success-file.name') ?? '_SUCCESS' };
  return trigger === 'partition-time' ? { ...commit, partitionTime: partitionTimeExtractor(options) } : commit;
}

function partitionTimeExtractor(options: ConnectorOptions): PartitionTimeExtractor {
  options.choice('partition.time-extractor.kind', ['default'] as const, 'default');
  const formatterText = options.optional('partition.time-extractor.timestamp-formatter');
  const regex = formatterText === undefined ? null : compileFormatter(formatterText);
  if (formatterText !== undefined && regex === null) {
    throw options.error(`'partition.time-extractor.timestamp-formatter' = '${formatterText}' is not supported yet: use yyyy, MM, dd, HH, mm, ss and literal characters`);
  }
  const zoneText = options.optional('sink.partition-commit.watermark-time-zone') ?? 'UTC';
  const zone = canonicalTimeZone(zoneText);
  if (zone === undefined) throw options.error(`'sink.partition-commit.watermark-time-zone' = '${zoneText}' is not a time zone`);
  return {
    pattern: options.optional('partition.time-extractor.timestamp-pattern') ?? null,
    formatter: formatterText === undefined || regex === null ? null : { text: formatterText, regex },
    zone,
  };
}
