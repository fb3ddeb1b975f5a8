/** Reading what the chaos job committed, and comparing it with a failure-free run: lost and duplicated rows. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface CommittedOutput {
  /** Lines of every visible file of the filesystem sink. */
  readonly windowRows: string[];
  /** Rows of the SQLite sink's table, as text. */
  readonly totalRows: string[];
  /** Hidden in-progress files left in the sink directory. */
  readonly leftovers: string[];
}

export function readCommitted(windowsDir: string, totalsFile: string): CommittedOutput {
  const names = existsSync(windowsDir) ? readdirSync(windowsDir) : [];
  const windowRows: string[] = [];
  for (const name of names.filter((n) => !n.startsWith('.'))) {
    for (const line of readFileSync(join(windowsDir, name), 'utf8').split('\n')) if (line !== '') windowRows.push(line);
  }
  let totalRows: string[] = [];
  if (existsSync(totalsFile)) {
    const db = new Database(totalsFile, { readonly: true });
    try {
      totalRows = db
        .prepare('SELECT * FROM totals ORDER BY user_id')
        .raw()
        .all()
        .map((row) => JSON.stringify(row));
    } finally {
      db.close();
    }
  }
  return { windowRows, totalRows, leftovers: names.filter((n) => n.startsWith('.') && n.endsWith('.inprogress')) };
}

export interface Difference {
  readonly lost: number;
  readonly duplicated: number;
  /** A few examples, for the report. */
  readonly examples: string[];
}

/** Multiset difference: rows of `expected` missing from `actual` (lost) and extra copies in `actual` (duplicated). */
export function compareRows(expected: readonly string[], actual: readonly string[]): Difference {
  const counts = new Map<string, number>();
  for (const row of expected) counts.set(row, (counts.get(row) ?? 0) + 1);
  for (const row of actual) counts.set(row, (counts.get(row) ?? 0) - 1);
  let lost = 0;
  let duplicated = 0;
  const examples: string[] = [];
  for (const [row, count] of counts) {
    if (count > 0) lost += count;
    if (count < 0) duplicated -= count;
    if (count !== 0 && examples.length < 5) examples.push(`${count > 0 ? 'lost' : 'extra'} ${row}`);
  }
  return { lost, duplicated, examples };
}
