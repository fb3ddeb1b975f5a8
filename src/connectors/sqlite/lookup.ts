/**
 * The `sqlite` connector as a lookup table: one prepared `SELECT cols FROM table WHERE k1 = ? AND k2 = ?` on a
 * read-only connection. Each lookup is its own read transaction, so rows another process (another Sluice job's
 * sqlite sink, in WAL mode) has committed are visible to the next lookup. Stored values are converted back with
 * the sink's mapping (stored-values.ts); a value that does not fit its column fails the job with an error naming
 * the database, table, column and key. A failing query is tried again `'lookup.max-retries'` times, after 1 s, 2 s,
 * … as Flink's JDBC lookup does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { ConnectorError } from '../../common/errors.js';
import { formatType } from '../../common/types.js';
import type { Value } from '../../common/values.js';
import type { Schema } from '../../dataflow/schema.js';
import type { LookupReader } from '../../runtime/connector.js';
import type { SqliteLookupOptions } from './options.js';
import { fromStored, readableFromSqlite, storageClass, toStored, type Stored } from './stored-values.js';

export class SqliteLookup implements LookupReader {
  private db: Database.Database | undefined;
  private query: Database.Statement<Stored[], Stored[]> | undefined;

  constructor(private readonly options: SqliteLookupOptions, private readonly schema: Schema, private readonly keyColumns: readonly number[]) {
    for (const field of schema.fields) {
      if (!readableFromSqlite(field.type)) {
        throw new ConnectorError(`Table '${options.table}': column '${field.name}' of type ${formatType(field.type)} cannot be read from SQLite by a lookup join`, {
          hint: 'lookup tables support scalar columns (numbers, DECIMAL, STRING, BOOLEAN, BYTES, DATE, TIME, TIMESTAMP)',
        });
      }
    }
  }

  open(): void {
    let db: Database.Database;
    try {
      db = new Database(this.options.path, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw this.error(`cannot open '${this.options.displayPath}' for lookups`, error);
    }
    this.db = db;
    const existing = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(this.options.tableName).map((c) => c.name);
    if (existing.length === 0) {
      throw new ConnectorError(`Table '${this.options.table}': the database '${this.options.displayPath}' has no table '${this.options.tableName}'`, {
        hint: "create it (e.g. with a job writing to a 'sqlite' sink) or point 'table-name' at an existing table",
      });
    }
    const missing = this.schema.fields.map((f) => f.name).filter((name) => !existing.includes(name));
    if (missing.length > 0) {
      throw new ConnectorError(
        `Table '${this.options.table}': the SQLite table '${this.options.tableName}' in '${this.options.displayPath}' has no column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} (it has ${existing.join(', ')})`,
      );
    }
    const columns = this.schema.fields.map((f) => quote(f.name)).join(', ');
    const where = this.keyColumns.map((k) => `${quote(this.schema.fields[k]!.name)} = ?`).join(' AND ');
    this.query = db.prepare<Stored[], Stored[]>(`SELECT ${columns} FROM ${quote(this.options.tableName)} WHERE ${where}`).raw(true).safeIntegers(true);
  }

  async lookup(key: readonly Value[]): Promise<Value[][]> {
    const query = this.query;
    if (!query) throw new ConnectorError(`Table '${this.options.table}': lookup before the table was opened`);
    const bound = this.keyColumns.map((k, i) => toStored(key[i]!, this.schema.fields[k]!.type));
    let stored: Stored[][];
    for (let attempt = 0; ; attempt++) {
      try {
        stored = query.all(...bound);
        break;
      } catch (error) {
        if (attempt >= this.options.maxRetries) throw this.error(`lookup of ${this.keyText(key)} in '${this.options.displayPath}' failed after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}`, error);
        await sleep(1000 * (attempt + 1));
      }
    }
    return stored.map((row) => this.converted(row, key));
  }

  close(): void {
    const db = this.db;
    this.db = undefined;
    this.query = undefined;
    if (db?.open) db.close();
  }

  private converted(row: readonly Stored[], key: readonly Value[]): Value[] {
    return this.schema.fields.map((field, c) => {
      const value = fromStored(row[c]!, field.type);
      if (value !== undefined) return value;
      const stored = row[c]!;
      const shown = stored instanceof Uint8Array ? `${stored.length} bytes` : `'${String(stored)}'`;
      throw new ConnectorError(
        `Table '${this.options.table}': column '${field.name}' of the SQLite table '${this.options.tableName}' in '${this.options.displayPath}' holds ${storageClass(stored)} ${shown}, which is not a ${formatType(field.type)} (row of ${this.keyText(key)})`,
        { hint: `declare the column with the type its values have, or fix the row in '${this.options.displayPath}'` },
      );
    });
  }

  /** `id=5, region='EU'`: the key being looked up, for messages. */
  private keyText(key: readonly Value[]): string {
    return this.keyColumns.map((k, i) => `${this.schema.fields[k]!.name}=${typeof key[i] === 'string' ? `'${key[i]}'` : String(key[i])}`).join(', ');
  }

  private error(what: string, cause: unknown): ConnectorError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ConnectorError(`Table '${this.options.table}': ${what}: ${reason}`, { cause });
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
