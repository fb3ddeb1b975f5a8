/**
 * The filesystem sink: `path` is a directory. Rows go to a hidden `.part-<uuid>-0.inprogress` file, renamed on
 * `finish()` to `part-<uuid>-0.<ext>`, so a visible file is always complete; `abort()` deletes the hidden file.
 * Append-only: a row kind other than +I is an error.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { ConnectorError } from '../../common/errors.js';
import { RowKind } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { readColumns } from '../../runtime/batch.js';
import type { SinkContext, SinkWriter } from '../../runtime/connector.js';
import type { TableMetrics } from '../../runtime/metrics.js';
import type { FormatWriter } from '../formats/index.js';
import type { FilesystemOptions } from './options.js';

export class FilesystemSink implements SinkWriter {
  private readonly partName = `part-${randomUUID()}-0`;
  private readonly writer: FormatWriter;
  private handle: FileHandle | undefined;
  private metrics: TableMetrics | undefined;

  constructor(private readonly options: FilesystemOptions, private readonly schema: Schema) {
    this.writer = options.format.createWriter();
  }

  /** Where rows are written until `finish()`. */
  get inProgressPath(): string {
    return path.join(this.options.path, `.${this.partName}.inprogress`);
  }

  /** The visible file `finish()` publishes. */
  get finishedPath(): string {
    return path.join(this.options.path, `${this.partName}.${this.options.format.fileExtension}`);
  }

  async open(context: SinkContext): Promise<void> {
    this.metrics = context.metrics;
    try {
      await mkdir(this.options.path, { recursive: true });
      if (!(await stat(this.options.path)).isDirectory()) throw new Error('it is not a directory');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectorError(`Table '${this.options.table}': cannot write to directory '${this.options.displayPath}': ${reason}`, { cause: error });
    }
  }

  async write(batch: RecordBatch, rowKinds: Uint8Array | undefined): Promise<void> {
    if (rowKinds && rowKinds.some((kind) => kind !== RowKind.Insert)) {
      throw new ConnectorError(
        `filesystem sink '${this.options.table}' cannot write updates (-U/+U/-D); it is append-only`,
        { hint: "write an insert-only query into it, or send an updating result to a 'print' or 'blackhole' sink" },
      );
    }
    if (batch.numRows === 0) return;
    const columns = readColumns(batch, this.schema);
    let text = '';
    const row = new Array(columns.length);
    for (let r = 0; r < batch.numRows; r++) {
      for (let c = 0; c < columns.length; c++) row[c] = columns[c]![r];
      text += this.writer.encode(row);
    }
    this.handle ??= await open(this.inProgressPath, 'wx');
    await this.handle.write(text);
    if (this.metrics) this.metrics.recordsWritten += batch.numRows;
  }

  async finish(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    this.handle = undefined;
    await handle.sync();
    await handle.close();
    await rename(this.inProgressPath, this.finishedPath);
  }

  async abort(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    this.handle = undefined;
    await handle.close().catch(() => undefined);
    await unlink(this.inProgressPath).catch(() => undefined);
  }
}
