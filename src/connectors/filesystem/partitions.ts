/**
 * Partitioned filesystem tables (`PARTITIONED BY (dt, hr)`), laid out as Flink's filesystem connector and Hive lay
 * them out: one directory level per partition column, `dt=2024-01-01/hr=10/part-….json`, the partition columns not
 * stored in the files. A value is written as its text with Hive's path escaping (`/`, `=`, `:`, `%`, … as `%2F`, …);
 * NULL and the empty string as `'partition.default-name'` (default `__DEFAULT_PARTITION__`), read back as NULL.
 */
import { ConnectorError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import type { Field, Schema } from '../../dataflow/schema.js';
import { ConversionProblem, convertValue } from '../formats/convert.js';
import { csvValueText } from '../formats/csv.js';
import type { PartitionTimeExtractor } from './partition-time.js';

export const DEFAULT_PARTITION_NAME = '__DEFAULT_PARTITION__';

/**
 * Partition commit (Flink's 'sink.partition-commit.*'): a partition that received rows is committed — its success
 * file written — at the first publication (checkpoint, or the end of the job) at least `delay` after the sink first
 * wrote to it (process-time trigger) or once the watermark at the checkpoint is past its partition time plus `delay`
 * (partition-time trigger); every partition is committed at the end of a bounded job.
 */
export interface PartitionCommit {
  readonly delay: number;
  /** 'partition-time': commit once the watermark passes the partition's time plus the delay (partition-time.ts). */
  readonly partitionTime?: PartitionTimeExtractor;
  /** The success file's name (`_SUCCESS`); readers skip it (its name starts with `_`). */
  readonly successFileName: string;
}

export const PARTITION_COMMIT_OPTION_KEYS = [
  'sink.partition-commit.trigger', 'sink.partition-commit.delay', 'sink.partition-commit.policy.kind', 'sink.partition-commit.success-file.name',
  'sink.partition-commit.watermark-time-zone', 'partition.time-extractor.kind', 'partition.time-extractor.timestamp-pattern',
  'partition.time-extractor.timestamp-formatter',
] as const;

/** How a partitioned table splits into directories and files. */
export interface PartitionLayout {
  /** Indexes (in the table's columns) of the partition columns, in PARTITIONED BY order. */
  readonly keys: readonly number[];
  /** The columns the files hold: the others, in table order. */
  readonly dataSchema: Schema;
  /** Indexes (in the table's columns) of the data columns. */
  readonly dataColumns: readonly number[];
  readonly defaultName: string;
  /** With 'sink.partition-commit.policy.kind' = 'success-file'; absent: partitions are not committed. */
  readonly commit?: PartitionCommit;
}

export function partitionLayout(schema: Schema, partitionKeys: readonly string[], defaultName: string): PartitionLayout {
  const keys = partitionKeys.map((name) => schema.fields.findIndex((f) => f.name === name));
  if (keys.some((k) => k < 0)) throw new ConnectorError(`A partition column is not a column of the table (${partitionKeys.join(', ')})`);
  const dataColumns = schema.fields.flatMap((_, i) => (keys.includes(i) ? [] : [i]));
  return { keys, dataSchema: { fields: dataColumns.map((i) => schema.fields[i]!) }, dataColumns, defaultName };
}

/** The relative directory of a row's partition, e.g. `dt=2024-01-01/hr=10`. */
export function partitionDirectory(layout: PartitionLayout, schema: Schema, row: readonly Value[]): string {
  return layout.keys.map((k) => `${escapePathName(schema.fields[k]!.name)}=${partitionText(row[k] ?? null, schema.fields[k]!, layout.defaultName)}`).join('/');
}

function partitionText(value: Value, field: Field, defaultName: string): string {
  if (value === null) return defaultName;
  const text = csvValueText(value, field.type);
  return text === '' ? defaultName : escapePathName(text);
}

/**
 * The partition values of a file at `relativeDirectory` (its directory below the table's, `/`-separated), in
 * PARTITIONED BY order; a ConnectorError naming the file when the directories do not spell the partition columns.
 */
export function partitionValues(layout: PartitionLayout, schema: Schema, relativeDirectory: string, displayName: string): Value[] {
  const segments = relativeDirectory === '' ? [] : relativeDirectory.split('/');
  const expected = layout.keys.map((k) => schema.fields[k]!.name);
  if (segments.length !== expected.length) {
    throw new ConnectorError(`File '${displayName}' is not in a partition directory: a partitioned table's files are at ${expected.map((name) => `${name}=…`).join('/')}/`);
  }
  return segments.map((segment, i) => {
    const field = schema.fields[layout.keys[i]!]!;
    const parsed = parsePartitionSegment(segment);
    if (parsed?.name.toLowerCase() !== field.name.toLowerCase()) {
      throw new ConnectorError(`File '${displayName}' is in directory '${segment}', expected the partition column '${field.name}=…' there`);
    }
    const text = parsed.value;
    if (text === layout.defaultName) return null;
    if (field.type.kind === 'STRING') return text;
    const value = convertValue(text, field.type, { epochMillisNumbers: false });
    if (value instanceof ConversionProblem) {
      throw new ConnectorError(`File '${displayName}': partition value '${text}' of column '${field.name}' ${value.reason}`);
    }
    return value;
  });
}

/** A whole row from a file's values (`data`, the data columns) and its partition's values. */
export function fullRow(layout: PartitionLayout, width: number, data: readonly Value[], partition: readonly Value[]): Value[] {
  const row = new Array<Value>(width);
  layout.dataColumns.forEach((column, i) => (row[column] = data[i] ?? null));
  layout.keys.forEach((column, i) => (row[column] = partition[i] ?? null));
  return row;
}

/** The data columns of a whole row. */
export function dataRow(layout: PartitionLayout, row: readonly Value[]): Value[] {
  return layout.dataColumns.map((column) => row[column] ?? null);
}

/** A partition directory's name, `col=value`, unescaped; undefined when it has no `=`. */
export function parsePartitionSegment(segment: string): { readonly name: string; readonly value: string } | undefined {
  const equals = segment.indexOf('=');
  if (equals < 0) return undefined;
  return { name: unescapePathName(segment.slice(0, equals)), value: unescapePathName(segment.slice(equals + 1)) };
}

/** Files and directories a filesystem table leaves out: in-progress (`.…`) and marker (`_SUCCESS`) ones. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

/** Hive's FileUtils.escapePathName: characters that are unsafe in a path segment as `%XX`. */
export function escapePathName(text: string): string {
  let escaped = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    escaped += code < 0x20 || code === 0x7f || UNSAFE.has(char) ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : char;
  }
  return escaped;
}

export function unescapePathName(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const UNSAFE: ReadonlySet<string> = new Set(['"', '#', '%', "'", '*', '/', ':', '=', '?', '\\', '{', '[', ']', '^']);
