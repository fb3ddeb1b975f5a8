/**
 * A job's durable home: one SQLite database (`<job directory>/job.db`) holding its keyed state (table `state`,
 * written by the state backends) and its checkpoint records (table `checkpoints`). Keeping both in one database
 * makes a checkpoint one SQLite transaction: the record, the state and the source positions commit together or
 * not at all (transactions across ATTACHed files are not atomic as a set, so there is exactly one file).
 *
 * Between checkpoints a transaction stays open (an "epoch"): state writes go into it, spilling to the WAL when the
 * page cache fills, so the heap stays bounded; a crash rolls the epoch back and the database holds exactly the
 * last completed checkpoint. `complete()` writes the record and commits with `synchronous = FULL`, so the
 * checkpoint is durable before any sink makes its output visible. The WAL's frame checksums make SQLite ignore a
 * torn or truncated tail: a checkpoint whose commit did not fully reach the disk is simply not there. Each record
 * also carries a SHA-256 checksum of its bytes. With `num-retained` > 1 each checkpoint is also copied (VACUUM INTO)
 * into `retained/chk-<id>/`, so a corrupt newest checkpoint falls back to the newest good copy.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import Database from 'better-sqlite3';
import { ExecutionError } from '../../common/errors.js';
import type { CheckpointKind, CheckpointRecord } from './checkpoint-record.js';
import { failpoint } from './failpoints.js';

export const JOB_DATABASE_FILE = 'job.db';
/** Where copies of older checkpoints are kept (`num-retained` > 1). */
const RETAINED_DIRECTORY = 'retained';

/** The state table both backends use: one row per (map name, namespace, key). */
export const STATE_TABLE_DDL =
  'CREATE TABLE IF NOT EXISTS state (name TEXT NOT NULL, ns INTEGER NOT NULL, k TEXT NOT NULL, v BLOB NOT NULL, ' +
  'PRIMARY KEY (name, ns, k)) WITHOUT ROWID';

/** A checkpoint found in the store, with what was wrong with newer ones (corrupt records are skipped). */
export interface RestorableCheckpoint {
  readonly record: CheckpointRecord;
  readonly warnings: readonly string[];
}

export interface CheckpointSummary {
  readonly id: number;
  readonly kind: CheckpointKind;
  readonly completedAt: number;
  readonly bytes: number;
}

export class CheckpointStore {
  readonly file: string;
  readonly db: Database.Database;
  private epochOpen = false;
  private closed = false;

  constructor(readonly directory: string, private readonly retained = 1) {
    this.file = join(directory, JOB_DATABASE_FILE);
    try {
      mkdirSync(directory, { recursive: true });
      this.db = new Database(this.file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec(STATE_TABLE_DDL);
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS checkpoints (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, completed_at INTEGER NOT NULL, ' +
          'record BLOB NOT NULL, checksum TEXT NOT NULL)',
      );
    } catch (error) {
      throw new ExecutionError(`Cannot open the job database ${this.file}: ${messageOf(error)}`, { cause: error });
    }
  }

  /**
   * The checkpoint to restore: the newest record, when it verifies. Only the newest has its state in this
   * database, so a newest record that fails its checksum cannot fall back to an older record here: the newest
   * retained copy (`execution.checkpointing.num-retained` > 1) that verifies is loaded instead, with a warning;
   * without one, an ExecutionError says so.
   */
  latest(): RestorableCheckpoint | undefined {
    const newest = this.readNewest(this.db, 'main');
    if (newest === undefined) return undefined;
    if (!('problem' in newest)) return { record: newest.record, warnings: [] };
    const warnings = [`checkpoint ${newest.id} in ${this.file} is corrupt (${newest.problem})`];
    for (const copy of this.retainedCopies()) {
      const checked = this.verifyCopy(copy);
      if (checked === undefined || 'problem' in checked || checked.record.id > newest.id) continue;
      this.loadSavepoint(copy);
      warnings.push(`restoring the retained copy of checkpoint ${checked.record.id} instead (${copy})`);
      return { record: checked.record, warnings };
    }
    throw new ExecutionError(`${warnings[0]!}, and no earlier checkpoint is retained`, {
      hint: "run with --fresh to start over or --from-savepoint to use a savepoint; keep copies with SET 'execution.checkpointing.num-retained' = '2'",
    });
  }

  private readNewest(db: Database.Database, schema: string): { id: number; record: CheckpointRecord } | { id: number; problem: string } | undefined {
    const row = db.prepare<[], { id: number; record: Buffer; checksum: string }>(`SELECT id, record, checksum FROM ${schema}.checkpoints ORDER BY id DESC LIMIT 1`).get();
    if (!row) return undefined;
    if (checksumOf(row.record) !== row.checksum) return { id: row.id, problem: 'checksum mismatch' };
    try {
      return { id: row.id, record: deserialize(row.record) as CheckpointRecord };
    } catch (error) {
      return { id: row.id, problem: messageOf(error) };
    }
  }

  /** Retained copies (directories under `retained/`), newest first. */
  private retainedCopies(): string[] {
    const root = join(this.directory, RETAINED_DIRECTORY);
    if (!existsSync(root)) return [];
    return readdirSync(root)
      .filter((name) => /^chk-\d+$/.test(name))
      .sort((a, b) => Number(b.slice(4)) - Number(a.slice(4)))
      .map((name) => join(root, name));
  }

  private verifyCopy(directory: string): ReturnType<CheckpointStore['readNewest']> {
    const file = join(directory, JOB_DATABASE_FILE);
    if (!existsSync(file)) return undefined;
    try {
      const copy = new Database(file, { readonly: true });
      try {
        return this.readNewest(copy, 'main');
      } finally {
        copy.close();
      }
    } catch {
      return undefined;
    }
  }

  /** With `retained` > 1: a copy of the checkpoint just committed; the newest `retained` copies are kept. */
  private retainCopy(id: number): void {
    if (this.retained <= 1) return;
    this.copyTo(join(this.directory, RETAINED_DIRECTORY, `chk-${id}`));
    for (const old of this.retainedCopies().slice(this.retained)) rmSync(old, { recursive: true, force: true });
  }

  /** Completed checkpoints, newest first. */
  list(): CheckpointSummary[] {
    return this.db
      .prepare<[], { id: number; kind: CheckpointKind; completed_at: number; bytes: number }>(
        'SELECT id, kind, completed_at, length(record) AS bytes FROM checkpoints ORDER BY id DESC',
      )
      .all()
      .map((row) => ({ id: row.id, kind: row.kind, completedAt: row.completed_at, bytes: row.bytes }));
  }

  /** The id the next checkpoint gets: ids grow over a job's whole life, across restarts. */
  nextCheckpointId(): number {
    const max = this.db.prepare<[], number | null>('SELECT MAX(id) FROM checkpoints').pluck().get();
    return (max ?? 0) + 1;
  }

  /** Forgets every checkpoint and all state (`--fresh`). */
  clear(): void {
    this.db.exec('DELETE FROM state; DELETE FROM checkpoints;');
  }

  /** Opens the epoch transaction that state writes go into until the next `complete()`. */
  beginEpoch(): void {
    if (this.epochOpen) return;
    this.db.exec('BEGIN');
    this.epochOpen = true;
  }

  /**
   * Makes checkpoint `record` durable together with every state write of the epoch, then opens the next epoch.
   * The caller has written the epoch's state first (the backends' `prepareCheckpoint`).
   */
  complete(record: CheckpointRecord, savepointDirectory?: string): void {
    const bytes = serialize(record);
    this.beginEpoch();
    try {
      this.db
        .prepare('INSERT INTO checkpoints (id, kind, completed_at, record, checksum) VALUES (?, ?, ?, ?, ?)')
        .run(record.id, record.kind, record.completedAt, bytes, checksumOf(bytes));
      // Checkpoint records are small; keep the last `retained` (savepoints live in their own directories).
      this.db.prepare('DELETE FROM checkpoints WHERE id <= ?').run(record.id - Math.max(1, this.retained));
      failpoint('checkpoint-before-commit');
      this.db.exec('COMMIT');
      this.epochOpen = false;
    } catch (error) {
      throw new ExecutionError(`Cannot write checkpoint ${record.id} to ${this.file}: ${messageOf(error)}`, { cause: error });
    }
    failpoint('checkpoint-after-commit');
    if (savepointDirectory !== undefined) this.copyTo(savepointDirectory);
    else this.retainCopy(record.id);
    this.beginEpoch();
  }

  /**
   * A savepoint: a self-contained copy of the database as just committed (`VACUUM INTO`), in a directory of its
   * own that no later checkpoint touches. Only between epochs (no open transaction).
   */
  private copyTo(directory: string): void {
    try {
      mkdirSync(directory, { recursive: true });
      this.db.prepare('VACUUM INTO ?').run(join(directory, JOB_DATABASE_FILE));
    } catch (error) {
      throw new ExecutionError(`Cannot write the savepoint to ${directory}: ${messageOf(error)}`, { cause: error });
    }
  }

  /**
   * Replaces this database's state and checkpoints with a savepoint's (`--from-savepoint`); the savepoint's
   * record becomes the latest. Before the first epoch.
   */
  loadSavepoint(directory: string): void {
    const file = join(directory, JOB_DATABASE_FILE);
    if (!existsSync(file)) throw new ExecutionError(`No savepoint at ${directory} (${JOB_DATABASE_FILE} is missing)`);
    try {
      this.db.prepare('ATTACH DATABASE ? AS savepoint').run(file);
      try {
        this.db.transaction(() => {
          this.db.exec('DELETE FROM state; DELETE FROM checkpoints;');
          this.db.exec('INSERT INTO state SELECT name, ns, k, v FROM savepoint.state');
          this.db.exec('INSERT INTO checkpoints SELECT id, kind, completed_at, record, checksum FROM savepoint.checkpoints WHERE id = (SELECT MAX(id) FROM savepoint.checkpoints)');
        })();
      } finally {
        this.db.exec('DETACH DATABASE savepoint');
      }
    } catch (error) {
      throw new ExecutionError(`Cannot read the savepoint ${file}: ${messageOf(error)}`, { cause: error });
    }
  }

  /** Discards the open epoch (uncheckpointed state) and closes the database. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.epochOpen && this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      this.epochOpen = false;
      this.db.close();
    }
  }
}

function checksumOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
