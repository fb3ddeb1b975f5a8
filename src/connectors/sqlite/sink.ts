/**
 * The `sqlite` sink: rows into a table of a SQLite database file, created if missing.
 *
 * Column mapping (SQL type → SQLite storage): BOOLEAN → INTEGER 0/1; INT, BIGINT (exact, 64-bit), INTERVAL (ms) →
 * INTEGER; DOUBLE → REAL, except NaN, which SQLite would turn into NULL, stored as the text 'NaN'; DECIMAL → TEXT
 * (the exact decimal, e.g. '12.50'); STRING → TEXT; TIMESTAMP(p) → TEXT 'yyyy-MM-dd HH:mm:ss[.fff]'.
 *
 * Changelog: with a `PRIMARY KEY (…) NOT ENFORCED`, +I and +U upsert by key, -D and -U delete by key (as Flink's
 * upsert sinks do: a -U whose +U follows is overwritten by it; one whose +U a HAVING filtered out must not leave a
 * stale row). Without a key only +I is accepted.
 *
 * Without checkpoints each batch is written in its own transaction as it comes (at-least-once: a restarted job
 * writes again). With checkpoints (exactly-once) the changes of a checkpoint are kept in memory — folded to the
 * last change per key when there is a key — and returned by `prepareCommit` as the committable; `commit` applies
 * them in ONE transaction that also records the checkpoint id in `sluice_sink_commits(job, sink, checkpoint_id)`,
 * and skips a committable whose checkpoint that table already covers. The database is in WAL mode with
 * `synchronous = FULL`.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { RecordBatch } from 'apache-arrow';
import { ConnectorError } from '../../common/errors.js';
import { RowKind } from '../../common/values.js';
import type { DataType } from '../../common/types.js';
import type { Schema } from '../../dataflow/schema.js';
import { readColumns } from '../../runtime/batch.js';
import type { SinkCommittable, SinkContext, SinkWriter } from '../../runtime/connector.js';
import type { TableMetrics } from '../../runtime/metrics.js';
import type { SqliteSinkOptions } from './options.js';
import { toStored, type Stored } from './stored-values.js';

/** One row change, ready to bind: `delete` carries only the key values. */
interface RowChange {
  readonly delete: boolean;
  readonly values: readonly Stored[];
}

interface SqliteCommittable {
  readonly checkpointId: number;
  readonly changes: readonly RowChange[];
}

export class SqliteSink implements SinkWriter {
  private db: Database.Database | undefined;
  private upsert: Database.Statement | undefined;
  private remove: Database.Statement | undefined;
  private metrics: TableMetrics | undefined;
  private checkpointing = false;
  private jobName = '';
  private readonly keyIndexes: number[];
  /** Checkpointing: changes since the last prepareCommit, in order. */
  private pending: RowChange[] = [];

  constructor(private readonly options: SqliteSinkOptions, private readonly schema: Schema) {
    this.keyIndexes = options.primaryKey.map((name) => {
      const index = schema.fields.findIndex((f) => f.name === name);
      if (index < 0) throw new ConnectorError(`Table '${options.table}': primary key column '${name}' is not a column of the table`);
      return index;
    });
  }

  async open(context: SinkContext): Promise<void> {
    this.metrics = context.metrics;
    this.checkpointing = context.checkpointing === true;
    this.jobName = context.jobName ?? '';
    try {
      mkdirSync(path.dirname(this.options.path), { recursive: true });
      const db = new Database(this.options.path);
      this.db = db;
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec('CREATE TABLE IF NOT EXISTS sluice_sink_commits (job TEXT NOT NULL, sink TEXT NOT NULL, checkpoint_id INTEGER NOT NULL, PRIMARY KEY (job, sink))');
      this.createOrCheckTable(db);
      const table = quote(this.options.tableName);
      const columns = this.schema.fields.map((f) => quote(f.name));
      const placeholders = columns.map(() => '?').join(', ');
      const keys = this.options.primaryKey.map(quote);
      const updates = columns.filter((c) => !keys.includes(c)).map((c) => `${c} = excluded.${c}`);
      const conflict = keys.length === 0 ? '' : updates.length === 0 ? ` ON CONFLICT (${keys.join(', ')}) DO NOTHING` : ` ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
      this.upsert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})${conflict}`);
      if (keys.length > 0) this.remove = db.prepare(`DELETE FROM ${table} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`);
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      throw this.error(`cannot open '${this.options.displayPath}'`, error);
    }
  }

  async write(batch: RecordBatch, rowKinds: Uint8Array | undefined): Promise<void> {
    if (batch.numRows === 0) return;
    const columns = readColumns(batch, this.schema);
    const changes: RowChange[] = [];
    for (let r = 0; r < batch.numRows; r++) {
      const kind = (rowKinds?.[r] ?? RowKind.Insert) as RowKind;
      if (kind !== RowKind.Insert && this.keyIndexes.length === 0) {
        throw new ConnectorError(`sqlite sink '${this.options.table}' received an update (-U/+U/-D) but the table has no primary key`, {
          hint: `declare the key in the sink table's DDL, e.g. PRIMARY KEY (${this.schema.fields[0]?.name ?? 'id'}) NOT ENFORCED, so updates upsert by it`,
        });
      }
      const row = this.schema.fields.map((field, c) => toStored(columns[c]![r]!, field.type));
      const retract = kind === RowKind.Delete || kind === RowKind.UpdateBefore;
      changes.push(retract ? { delete: true, values: this.keyIndexes.map((i) => row[i]!) } : { delete: false, values: row });
    }
    if (this.metrics) this.metrics.recordsWritten += batch.numRows;
    if (this.checkpointing) this.pending.push(...changes);
    else this.apply(changes);
  }

  async finish(): Promise<void> {
    this.close();
  }

  async abort(): Promise<void> {
    this.pending = [];
    this.close();
  }

  async prepareCommit(checkpointId: number): Promise<SqliteCommittable> {
    const changes = this.keyIndexes.length > 0 ? this.lastChangePerKey(this.pending) : this.pending;
    this.pending = [];
    return { checkpointId, changes };
  }

  async commit(committable: SinkCommittable): Promise<void> {
    const { checkpointId, changes } = committable as SqliteCommittable;
    const db = this.database();
    const marker = db.prepare<[string, string], number>('SELECT checkpoint_id FROM sluice_sink_commits WHERE job = ? AND sink = ?').pluck();
    try {
      db.transaction(() => {
        const done = marker.get(this.jobName, this.options.table);
        if (done !== undefined && done >= checkpointId) return; // committed before a crash
        this.applyChanges(changes);
        db.prepare('INSERT OR REPLACE INTO sluice_sink_commits (job, sink, checkpoint_id) VALUES (?, ?, ?)').run(this.jobName, this.options.table, checkpointId);
      })();
    } catch (error) {
      throw this.error(`cannot commit checkpoint ${checkpointId} to '${this.options.displayPath}'`, error);
    }
  }

  async recover(committables: readonly SinkCommittable[]): Promise<void> {
    for (const committable of committables) await this.commit(committable);
  }

  private apply(changes: readonly RowChange[]): void {
    try {
      this.database().transaction(() => this.applyChanges(changes))();
    } catch (error) {
      throw this.error(`cannot write to '${this.options.displayPath}'`, error);
    }
  }

  private applyChanges(changes: readonly RowChange[]): void {
    for (const change of changes) {
      if (change.delete) this.remove!.run(...change.values);
      else this.upsert!.run(...change.values);
    }
  }

  /** With a key, only the last change of each key matters (upserts and deletes by key are idempotent). */
  private lastChangePerKey(changes: readonly RowChange[]): RowChange[] {
    const last = new Map<string, RowChange>();
    for (const change of changes) {
      const key = change.delete ? change.values : this.keyIndexes.map((i) => change.values[i]!);
      const text = JSON.stringify(key, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
      last.delete(text);
      last.set(text, change);
    }
    return [...last.values()];
  }

  private createOrCheckTable(db: Database.Database): void {
    const existing = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(this.options.tableName);
    if (existing.length === 0) {
      const columns = this.schema.fields.map((f) => `${quote(f.name)} ${sqliteType(f.type)}`);
      if (this.options.primaryKey.length > 0) columns.push(`PRIMARY KEY (${this.options.primaryKey.map(quote).join(', ')})`);
      db.exec(`CREATE TABLE ${quote(this.options.tableName)} (${columns.join(', ')})`);
      return;
    }
    const names = existing.map((c) => c.name);
    const missing = this.schema.fields.map((f) => f.name).filter((name) => !names.includes(name));
    if (missing.length > 0) {
      throw new ConnectorError(
        `Table '${this.options.table}': the SQLite table '${this.options.tableName}' in '${this.options.displayPath}' has no column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} (it has ${names.join(', ')})`,
        { hint: "drop or rename the SQLite table, or point 'table-name' at another one" },
      );
    }
  }

  private database(): Database.Database {
    if (!this.db) throw new ConnectorError(`sqlite sink '${this.options.table}' is not open`);
    return this.db;
  }

  private close(): void {
    const db = this.db;
    this.db = undefined;
    if (db?.open) db.close();
  }

  private error(what: string, cause: unknown): ConnectorError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ConnectorError(`Table '${this.options.table}': ${what}: ${reason}`, { cause });
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function sqliteType(type: DataType): string {
  switch (type.kind) {
    case 'BOOLEAN':
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'INTERVAL':
    case 'INTERVAL_YEAR_MONTH':
      return 'INTEGER';
    case 'FLOAT':
    case 'DOUBLE':
      return 'REAL';
    case 'BYTES':
      return 'BLOB';
    default:
      return 'TEXT';
  }
}
