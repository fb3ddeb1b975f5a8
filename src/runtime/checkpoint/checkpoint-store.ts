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
 * also carries a SHA-256 checksum of its bytes; a record that fails it is skipped with a warning.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import Database from 'better-sqlite3';
import { ExecutionError } from '../../common/errors.js';
import type { CheckpointKind, CheckpointRecord } from './checkpoint-record.js';
import { failpoint } from './failpoints.js';

export const JOB_DATABASE_FILE = 'job.db';

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

  /** The newest checkpoint whose record verifies, or undefined when there is none. */
  latest(): RestorableCheckpoint | undefined {
    const warnings: string[] = [];
    const rows = this.db.prepare<[], { id: number; record: Buffer; checksum: string }>('SELECT id, record, checksum FROM checkpoints ORDER BY id DESC').all();
    for (const row of rows) {
      if (checksumOf(row.record) !== row.checksum) {
        warnings.push(`checkpoint ${row.id} in ${this.file} is corrupt (checksum mismatch); skipped`);
        continue;
      }
      try {
        return { record: deserialize(row.record) as CheckpointRecord, warnings };
      } catch (error) {
        warnings.push(`checkpoint ${row.id} in ${this.file} cannot be read (${messageOf(error)}); skipped`);
      }
    }
    return undefined;
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
