/**
 * The `state` table of a job database (see checkpoint/checkpoint-store.ts), as the memory backend persists into
 * it at checkpoints: prepared statements over one better-sqlite3 connection.
 */
import type Database from 'better-sqlite3';

export interface StoredStateRow {
  readonly name: string;
  readonly namespace: number;
  readonly key: string;
  readonly value: Buffer;
}

export class StateTable {
  private readonly upsertStatement: Database.Statement<[string, number, string, Buffer]>;
  private readonly deleteStatement: Database.Statement<[string, number, string]>;
  private readonly clearStatement: Database.Statement<[string, number]>;
  private readonly rowsStatement: Database.Statement<[], [string, number, string, Buffer]>;

  constructor(db: Database.Database) {
    this.upsertStatement = db.prepare('INSERT OR REPLACE INTO state (name, ns, k, v) VALUES (?, ?, ?, ?)');
    this.deleteStatement = db.prepare('DELETE FROM state WHERE name = ? AND ns = ? AND k = ?');
    this.clearStatement = db.prepare('DELETE FROM state WHERE name = ? AND ns = ?');
    this.rowsStatement = db.prepare<[], [string, number, string, Buffer]>('SELECT name, ns, k, v FROM state').raw();
  }

  upsert(name: string, namespace: number, key: string, value: Buffer): void {
    this.upsertStatement.run(name, namespace, key, value);
  }

  delete(name: string, namespace: number, key: string): void {
    this.deleteStatement.run(name, namespace, key);
  }

  clearNamespace(name: string, namespace: number): void {
    this.clearStatement.run(name, namespace);
  }

  /** Every stored entry (streamed, not loaded at once). */
  *rows(): IterableIterator<StoredStateRow> {
    for (const [name, namespace, key, value] of this.rowsStatement.iterate()) yield { name, namespace, key, value };
  }
}
