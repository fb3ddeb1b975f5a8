/**
 * The filesystem source: reads one file, or every visible regular file of a directory (sorted by name; names
 * starting with `.` or `_` are skipped, like in-progress files), streaming record by record. Bounded.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { ConnectorError } from '../../common/errors.js';
import type { Schema } from '../../dataflow/schema.js';
import type { SourceContext, SourceReader } from '../../runtime/connector.js';
import { RowBatcher } from '../row-batcher.js';
import type { FilesystemOptions } from './options.js';

interface InputFile {
  readonly absolutePath: string;
  readonly displayName: string;
}

function ioError(table: string, what: string, target: string, error: unknown): ConnectorError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'no such file or directory' : error instanceof Error ? error.message : String(error);
  return new ConnectorError(`Table '${table}': cannot ${what} '${target}': ${reason}`, { cause: error });
}

/** The files a filesystem source reads, in order. */
export async function listInputFiles(options: FilesystemOptions): Promise<InputFile[]> {
  let info;
  try {
    info = await stat(options.path);
  } catch (error) {
    throw ioError(options.table, 'read', options.displayPath, error);
  }
  if (!info.isDirectory()) return [{ absolutePath: options.path, displayName: options.displayPath }];
  const entries = await readdir(options.path, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ absolutePath: path.join(options.path, name), displayName: path.join(options.displayPath, name) }));
}

export class FilesystemSource implements SourceReader {
  constructor(private readonly options: FilesystemOptions, private readonly schema: Schema) {}

  async *read(context: SourceContext): AsyncIterable<RecordBatch> {
    const files = await listInputFiles(this.options);
    const batcher = new RowBatcher(this.schema, context.batchSize);
    const reader = this.options.format.createReader();
    for (const file of files) {
      if (context.signal.aborted) return;
      const input = createReadStream(file.absolutePath, { encoding: 'utf8' });
      try {
        for await (const record of reader.records(input, file.displayName)) {
          if (context.signal.aborted) return;
          if (record.kind === 'malformed') {
            if (!this.options.format.ignoreParseErrors) throw record.error;
            context.metrics.malformedRecords++;
            continue;
          }
          const batch = batcher.add(record.values);
          if (batch) {
            context.metrics.recordsRead += batch.numRows;
            yield batch;
          }
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
      yield last;
    }
  }
}
