/**
 * The filesystem sink: `path` is a directory; append-only (a row kind other than +I is an error). A visible file is
 * always complete: rows go to hidden `.<part>.inprogress` files, renamed to `<part>.<ext>` when published.
 *
 * Without checkpoints: one part file, published by `finish()`; `abort()` deletes it.
 *
 * With checkpoints (exactly-once, two-phase commit): part files are `part-<job>-<run uuid>-<n>`. `prepareCommit`
 * fsyncs and closes the current in-progress file and returns it as the committable (names relative to the
 * directory); `commit` renames it and fsyncs the directory; a commit repeated after a crash finds the visible file
 * and does nothing. `recover` commits the restored checkpoint's files and deletes this job's other in-progress files
 * (written after the checkpoint by the crashed run); other jobs' files and visible files are never touched.
 *
 * A partitioned table (partitions.ts) writes each row, without its partition columns, to the part file of its
 * partition's directory (`dt=2024-01-01/`, made on first use); every open part file is published at the same points.
 * With 'sink.partition-commit.policy.kind' = 'success-file', a published partition gets its success file once its
 * commit delay has passed (checked at every publication; at the end of the job, at once).
 */
import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { ConnectorError } from '../../common/errors.js';
import { RowKind } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import { readColumns } from '../../runtime/batch.js';
import type { SinkCommittable, SinkContext, SinkWriter } from '../../runtime/connector.js';
import type { TableMetrics } from '../../runtime/metrics.js';
import type { FormatWriter } from '../formats/index.js';
import type { FilesystemOptions } from './options.js';
import { dataRow, partitionDirectory } from './partitions.js';
import { partitionTime } from './partition-time.js';

/** What one checkpoint publishes: in-progress files and their visible names, relative to the sink directory. */
interface FilesystemCommittable {
  readonly files: readonly { readonly inProgress: string; readonly final: string }[];
  /** With a partition commit policy: the partitions written to, with when the sink first wrote to each. */
  readonly partitions?: readonly { readonly directory: string; readonly created: number }[];
  /** The watermark the sink had seen when it prepared this (partition-time trigger). */
  readonly watermark?: number;
  /** The job's last publication: every partition is committed, whatever its delay. */
  readonly last?: true;
}

export class FilesystemSink implements SinkWriter {
  private readonly runId = randomUUID();
  private readonly writer: FormatWriter;
  /** The open in-progress file of each directory written to since the last publication ('' is the table's own). */
  private readonly handles = new Map<string, FileHandle>();
  private metrics: TableMetrics | undefined;
  private jobPrefix = '';
  private checkpointing = false;
  /** Part files opened so far in this run (checkpointing: one per checkpoint that had rows). */
  private partCount = 0;
  private currentPart: string;
  /** Partition commit: when the sink first wrote to each partition since it was last committed. */
  private readonly created = new Map<string, number>();
  /** Partition commit: published partitions whose delay has not passed yet. */
  private readonly waiting = new Map<string, number>();
  /** The input has ended (checkpointing): the next prepared committable is the last. */
  private ended = false;
  /** The watermark seen so far (partition-time trigger). */
  private currentWatermark = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: FilesystemOptions, private readonly schema: Schema) {
    this.writer = options.format.createWriter();
    this.currentPart = `part-${this.runId}-0`;
  }

  /** Where rows are written until published (in the table's directory; a partition's is below it). */
  get inProgressPath(): string {
    return path.join(this.options.path, inProgressName(this.currentPart));
  }

  /** The visible file the current part becomes. */
  get finishedPath(): string {
    return path.join(this.options.path, this.finalName(this.currentPart));
  }

  async open(context: SinkContext): Promise<void> {
    this.metrics = context.metrics;
    this.checkpointing = context.checkpointing === true;
    if (this.checkpointing) {
      this.jobPrefix = `part-${safeFileName(context.jobName ?? 'job')}-`;
      this.currentPart = `${this.jobPrefix}${this.runId}-${this.partCount}`;
    }
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
        { hint: "write an insert-only query into it, or send an updating result to a 'sqlite', 'print' or 'blackhole' sink" },
      );
    }
    if (batch.numRows === 0) return;
    const columns = readColumns(batch, this.schema);
    const row = new Array(columns.length);
    const { partition } = this.options;
    if (!partition) {
      let text = '';
      for (let r = 0; r < batch.numRows; r++) {
        for (let c = 0; c < columns.length; c++) row[c] = columns[c]![r];
        text += this.writer.encode(row);
      }
      await (await this.handleFor('')).write(text);
    } else {
      // Each row to its partition's file, without its partition columns.
      const texts = new Map<string, string>();
      for (let r = 0; r < batch.numRows; r++) {
        for (let c = 0; c < columns.length; c++) row[c] = columns[c]![r];
        const directory = partitionDirectory(partition, this.schema, row);
        texts.set(directory, (texts.get(directory) ?? '') + this.writer.encode(dataRow(partition, row)));
      }
      for (const [directory, text] of texts) await (await this.handleFor(directory)).write(text);
    }
    if (this.metrics) this.metrics.recordsWritten += batch.numRows;
  }

  private async handleFor(directory: string): Promise<FileHandle> {
    let handle = this.handles.get(directory);
    if (handle === undefined) {
      if (directory !== '') await mkdir(path.join(this.options.path, directory), { recursive: true });
      const commit = this.options.partition?.commit;
      if (commit && !this.created.has(directory)) {
        // The partition-time trigger needs the partition's time: an unreadable one fails here, naming the partition.
        if (commit.partitionTime) partitionTime(commit.partitionTime, directory);
        this.created.set(directory, Date.now());
      }
      handle = await open(path.join(this.options.path, directory, inProgressName(this.currentPart)), 'wx');
      this.handles.set(directory, handle);
    }
    return handle;
  }

  /** Closes every open part file (after fsync) and returns their in-progress and visible names. */
  private async closeParts(): Promise<{ inProgress: string; final: string }[]> {
    const parts = [...this.handles];
    this.handles.clear();
    const closed: { inProgress: string; final: string }[] = [];
    for (const [directory, handle] of parts) {
      await handle.sync();
      await handle.close();
      closed.push({ inProgress: path.posix.join(directory, inProgressName(this.currentPart)), final: path.posix.join(directory, this.finalName(this.currentPart)) });
    }
    return closed;
  }

  async finish(): Promise<void> {
    for (const part of await this.closeParts()) await rename(path.join(this.options.path, part.inProgress), path.join(this.options.path, part.final));
    // The end of the job commits every partition, whatever its delay (as Flink's committer at end of input).
    await this.commitPartitions(this.takeCreated(), Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
  }

  watermark(watermark: number): void {
    if (watermark > this.currentWatermark) this.currentWatermark = watermark;
  }

  /** The partitions written to since the last publication, with their first write times. */
  private takeCreated(): { directory: string; created: number }[] {
    const partitions = [...this.created].map(([directory, created]) => ({ directory, created }));
    this.created.clear();
    return partitions;
  }

  /**
   * Writes the success file of each published partition that is due — its delay passed by `now` (process time), or
   * the watermark past its partition time plus the delay (partition time); the others wait for a later call.
   */
  private async commitPartitions(published: readonly { directory: string; created: number }[], now: number, watermark: number): Promise<void> {
    const commit = this.options.partition?.commit;
    if (!commit) return;
    for (const { directory, created } of published) this.waiting.set(directory, Math.min(created, this.waiting.get(directory) ?? created));
    for (const [directory, created] of [...this.waiting]) {
      const due = commit.partitionTime
        ? watermark === Number.POSITIVE_INFINITY || watermark > partitionTime(commit.partitionTime, directory) + commit.delay
        : now >= created + commit.delay;
      if (!due) continue;
      const file = path.join(this.options.path, directory, commit.successFileName);
      try {
        await (await open(file, 'w')).close();
        await syncDirectory(path.join(this.options.path, directory));
      } catch (error) {
        throw this.ioError('write', path.join(this.options.displayPath, directory, commit.successFileName), error);
      }
      this.waiting.delete(directory);
    }
  }

  async abort(): Promise<void> {
    const parts = [...this.handles];
    this.handles.clear();
    for (const [directory, handle] of parts) {
      await handle.close().catch(() => undefined);
      await unlink(path.join(this.options.path, directory, inProgressName(this.currentPart))).catch(() => undefined);
    }
  }

  inputEnded(): void {
    this.ended = true;
  }

  async prepareCommit(_checkpointId?: number): Promise<FilesystemCommittable> {
    const commit = this.options.partition?.commit;
    const last = this.ended && commit ? { last: true as const } : {};
    const watermark = commit?.partitionTime ? { watermark: this.currentWatermark } : {};
    if (this.handles.size === 0) return { files: [], ...last, ...watermark };
    const files = await this.closeParts();
    this.partCount++;
    this.currentPart = `${this.jobPrefix}${this.runId}-${this.partCount}`;
    const partitions = this.options.partition?.commit ? this.takeCreated() : [];
    return partitions.length > 0 ? { files, partitions, ...last, ...watermark } : { files, ...last, ...watermark };
  }

  async commit(committable: SinkCommittable): Promise<void> {
    const { files, partitions, last, watermark } = committable as FilesystemCommittable;
    for (const file of files) {
      const from = path.join(this.options.path, file.inProgress);
      const to = path.join(this.options.path, file.final);
      try {
        await rename(from, to);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw this.ioError('publish', file.final, error);
        if (!(await exists(to))) {
          throw new ConnectorError(`Table '${this.options.table}': cannot publish '${file.final}': neither it nor its in-progress file exists in '${this.options.displayPath}'`);
        }
      }
    }
    for (const directory of new Set(files.map((file) => path.posix.dirname(file.final)))) await syncDirectory(path.join(this.options.path, directory));
    await this.commitPartitions(partitions ?? [], last ? Number.POSITIVE_INFINITY : Date.now(), last ? Number.POSITIVE_INFINITY : (watermark ?? Number.NEGATIVE_INFINITY));
  }

  async recover(committables: readonly SinkCommittable[]): Promise<void> {
    for (const committable of committables) await this.commit(committable);
    const keep = new Set(committables.flatMap((c) => (c as FilesystemCommittable).files.map((f) => f.inProgress)));
    let names: string[];
    try {
      // A partitioned table's part files are in its partition directories.
      names = this.options.partition
        ? (await readdir(this.options.path, { recursive: true })).map((name) => name.split(path.sep).join('/'))
        : await readdir(this.options.path);
    } catch (error) {
      throw this.ioError('list', this.options.displayPath, error);
    }
    const prefix = `.${this.jobPrefix}`;
    for (const name of names) {
      if (path.posix.basename(name).startsWith(prefix) && name.endsWith('.inprogress') && !keep.has(name)) await unlink(path.join(this.options.path, name)).catch(() => undefined);
    }
  }

  private finalName(part: string): string {
    return `${part}.${this.options.format.fileExtension}`;
  }

  private ioError(what: string, target: string, error: unknown): ConnectorError {
    const reason = error instanceof Error ? error.message : String(error);
    return new ConnectorError(`Table '${this.options.table}': cannot ${what} '${target}': ${reason}`, { cause: error });
  }
}

function inProgressName(part: string): string {
  return `.${part}.inprogress`;
}

/**
 * A job name as a file-name prefix: unchanged when it is already safe and short; otherwise made safe, cut, and
 * followed by a hash of the whole name, so that two jobs whose names differ only in unsafe characters or after the
 * cut never share a prefix (recovery deletes the in-progress files of its own prefix only).
 */
function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_.]+/g, '_');
  if (safe === name && safe.length <= 60) return safe;
  // '~' never occurs in an unchanged name, so no other job's prefix (`part-<name>-`) can be a prefix of this one.
  return `${safe.slice(0, 51)}~${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Makes renames in `directory` durable (fsync of the directory itself). */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
