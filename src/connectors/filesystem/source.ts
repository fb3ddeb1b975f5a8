/**
 * The filesystem source: reads one file, or every visible regular file of a directory (sorted by name; names
 * starting with `.` or `_` are skipped, like in-progress files and `_SUCCESS`), streaming record by record. Bounded.
 * A partitioned table's files are in its partition directories (`dt=2024-01-01/…`, partitions.ts): each row gets
 * the values of its file's directories.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { ConnectorError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { skipMalformed, type SourceContext, type SourceReader } from '../../runtime/connector.js';
import { RowBatcher } from '../row-batcher.js';
import { ParallelJsonReader } from './parallel-json-reader.js';
import { fullRow, isHiddenName, partitionValues } from './partitions.js';

/** Inputs this large are decoded on a worker thread under 'auto' (the thread's start-up costs ~50 ms). */
const PARALLEL_DECODE_MIN_BYTES = 8 * 1024 * 1024;
import type { FilesystemOptions } from './options.js';

interface InputFile {
  readonly absolutePath: string;
  readonly displayName: string;
  /** A partitioned table's file: the values of its partition columns, from its directories. */
  readonly partition?: readonly Value[];
}

function ioError(table: string, what: string, target: string, error: unknown): ConnectorError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'no such file or directory' : error instanceof Error ? error.message : String(error);
  return new ConnectorError(`Table '${table}': cannot ${what} '${target}': ${reason}`, { cause: error });
}

/** The files a filesystem source reads, in order. */
export async function listInputFiles(options: FilesystemOptions, schema: Schema): Promise<InputFile[]> {
  let info;
  try {
    info = await stat(options.path);
  } catch (error) {
    throw ioError(options.table, 'read', options.displayPath, error);
  }
  if (!info.isDirectory()) {
    if (options.partition) throw new ConnectorError(`Table '${options.table}' is partitioned, so its 'path' must be a directory, not the file '${options.displayPath}'`);
    return [{ absolutePath: options.path, displayName: options.displayPath }];
  }
  if (options.partition) return partitionedInputFiles(options, options.partition, schema);
  const entries = await readdir(options.path, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !isHiddenName(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ absolutePath: path.join(options.path, name), displayName: path.join(options.displayPath, name) }));
}

/** Every visible file below the table's directory (none in hidden directories), by path, with its partition values. */
async function partitionedInputFiles(options: FilesystemOptions, layout: NonNullable<FilesystemOptions['partition']>, schema: Schema): Promise<InputFile[]> {
  const entries = await readdir(options.path, { withFileTypes: true, recursive: true });
  const files: InputFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const relative = path.relative(options.path, path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)).split(path.sep).join('/');
    if (relative.split('/').some(isHiddenName)) continue;
    const displayName = path.join(options.displayPath, relative);
    files.push({ absolutePath: path.join(options.path, relative), displayName, partition: partitionValues(layout, schema, path.posix.dirname(relative) === '.' ? '' : path.posix.dirname(relative), displayName) });
  }
  return files.sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
}

/**
 * Where a filesystem source is: in file `fileIndex` (named `file`, of the sorted list), after its first `records`
 * records (malformed ones included). A position at the end of a file and one at the start of the next are the same.
 */
interface FilePosition {
  readonly fileIndex: number;
  readonly file: string;
  readonly records: number;
}

export class FilesystemSource implements SourceReader {
  private yielded: FilePosition = { fileIndex: 0, file: '', records: 0 };

  constructor(private readonly options: FilesystemOptions, private readonly schema: Schema) {}

  /** Checkpoints: the position after the last batch yielded. */
  snapshotPosition(): FilePosition {
    return this.yielded;
  }

  async *read(context: SourceContext): AsyncIterable<RecordBatch> {
    const files = await listInputFiles(this.options, this.schema);
    const start = context.startPosition === undefined ? undefined : this.locate(context.startPosition as FilePosition, files);
    if (start) this.yielded = start;
    if (!start && (await this.decodesInParallel(files, context))) {
      yield* this.readInParallel(files, context);
      return;
    }
    const batcher = new RowBatcher(this.schema, context.batchSize);
    const reader = this.options.format.createReader();
    for (const [fileIndex, file] of files.entries()) {
      if (context.signal.aborted) return;
      if (start && fileIndex < start.fileIndex) continue;
      const skip = start && fileIndex === start.fileIndex ? start.records : 0;
      let consumed = 0;
      const input = createReadStream(file.absolutePath, { encoding: 'utf8' });
      try {
        for await (const record of reader.records(input, file.displayName)) {
          if (context.signal.aborted) return;
          consumed++;
          if (consumed <= skip) continue;
          if (record.kind === 'malformed') {
            if (!this.options.format.ignoreParseErrors) throw record.error;
            skipMalformed(context, record.error, record.raw ?? null);
            continue;
          }
          const values = file.partition && this.options.partition ? fullRow(this.options.partition, this.schema.fields.length, record.values, file.partition) : record.values;
          const batch = batcher.add(values);
          if (batch) {
            context.metrics.recordsRead += batch.numRows;
            this.yielded = { fileIndex, file: file.displayName, records: consumed };
            yield batch;
          }
        }
        if (consumed < skip) {
          throw new ConnectorError(
            `Table '${this.options.table}': cannot resume at record ${skip} of '${file.displayName}': the file has only ${consumed} records now`,
            { hint: 'the input changed since the checkpoint; run with --fresh to start over' },
          );
        }
      } catch (error) {
        if (error instanceof ConnectorError) throw error;
        throw ioError(this.options.table, 'read', file.displayName, error);
      } finally {
        input.destroy();
      }
    }
    const last = batcher.flush();
    if (last && !context.signal.aborted) {
      context.metrics.recordsRead += last.numRows;
      const lastFile = files[files.length - 1];
      this.yielded = { fileIndex: files.length - 1, file: lastFile?.displayName ?? '', records: Number.MAX_SAFE_INTEGER };
      yield last;
    }
  }

  /**
   * JSON lines are decoded on a worker thread when `'sluice.source.parallel-decode'` says so: 'on', or 'auto' and the
   * input is at least 8 MiB. A restored read (which skips records it has read) stays on this thread.
   */
  private async decodesInParallel(files: readonly InputFile[], context: SourceContext): Promise<boolean> {
    const mode = context.parallelDecode ?? 'auto';
    // A partitioned table's rows are put together from its files and directories on this thread.
    if (mode === 'off' || !this.options.format.jsonOptions || files.length === 0 || this.options.partition) return false;
    if (mode === 'on') return true;
    let bytes = 0;
    for (const file of files) bytes += (await stat(file.absolutePath)).size;
    return bytes >= PARALLEL_DECODE_MIN_BYTES;
  }

  private async *readInParallel(files: readonly InputFile[], context: SourceContext): AsyncIterable<RecordBatch> {
    const reader = new ParallelJsonReader(this.schema, this.options.format.jsonOptions!, context.batchSize, context.decodeThreads ?? 1, (count, skipped) => {
      context.metrics.malformedRecords += count;
      for (const record of skipped) context.reportMalformed?.(record);
    });
    try {
      for (const [fileIndex, file] of files.entries()) {
        if (context.signal.aborted) return;
        try {
          for await (const { batch, recordsThrough } of reader.batches(file.absolutePath, file.displayName, context.signal)) {
            if (context.signal.aborted) return;
            context.metrics.recordsRead += batch.numRows;
            this.yielded = { fileIndex, file: file.displayName, records: recordsThrough };
            yield batch;
          }
        } catch (error) {
          if (error instanceof ConnectorError) throw error;
          throw ioError(this.options.table, 'read', file.displayName, error);
        }
      }
      // Everything was read: a restore from here reads nothing (as the serial reader's last position says).
      this.yielded = { fileIndex: files.length - 1, file: files[files.length - 1]!.displayName, records: Number.MAX_SAFE_INTEGER };
    } finally {
      await reader.close();
    }
  }

  /** The restored position in today's file list; a ConnectorError when its file is gone. */
  private locate(position: FilePosition, files: readonly InputFile[]): FilePosition {
    if (position.file === '' && position.records === 0) return position;
    if (position.records === Number.MAX_SAFE_INTEGER) return { ...position, fileIndex: files.length }; // everything was read
    const fileIndex = files[position.fileIndex]?.displayName === position.file ? position.fileIndex : files.findIndex((f) => f.displayName === position.file);
    if (fileIndex < 0) {
      throw new ConnectorError(`Table '${this.options.table}': cannot resume at record ${position.records} of '${position.file}': the file is gone`, {
        hint: 'the input changed since the checkpoint; run with --fresh to start over',
      });
    }
    return { ...position, fileIndex };
  }
}
