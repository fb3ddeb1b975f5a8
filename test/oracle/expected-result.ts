/**
 * A case's `expected/` folder, as the Flink oracle wrote it: `sink.json` (the sink's name, its columns with Flink's
 * type names, and how rows are compared) and `changes.jsonl` (one change a line: `["+I", "2020-04-15T08:00", null]`,
 * each value as Java's `String.valueOf` prints it, which is also how Flink's print sink shows it).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ChangeKind = '+I' | '-U' | '+U' | '-D';

/** A change: its kind, then the values as text (null for SQL NULL). */
export type ExpectedChange = readonly [ChangeKind, ...(string | null)[]];

export interface SinkColumn {
  readonly name: string;
  /** Flink's summary type name, e.g. `DECIMAL(38, 2)`, `TIMESTAMP(3)`, `DOUBLE`. */
  readonly type: string;
}

/**
 * `multiset`: Flink leaves the order undefined (window results firing together), compare ignoring order;
 * `ordered`: a changelog, compare change by change (also set by hand on an append-only result whose order is the
 *   point, e.g. a temporal sort's);
 * `final`: only the final table matters (both changelogs applied, then compared as multisets) — set by hand where
 * Sluice deliberately emits a final result once and Flink a series of updates to it (the case's NOTES.md says why).
 */
export type RowOrder = 'multiset' | 'ordered' | 'final';

export interface ExpectedResult {
  readonly sink: string;
  readonly columns: readonly SinkColumn[];
  readonly order: RowOrder;
  readonly changes: readonly ExpectedChange[];
}

export const EXPECTED_DIR = 'expected';

/** Append-only results are compared as multisets, changelogs in order. */
export function defaultOrder(changes: readonly ExpectedChange[]): RowOrder {
  return changes.every((change) => change[0] === '+I') ? 'multiset' : 'ordered';
}

export function hasExpected(caseDir: string): boolean {
  return existsSync(join(caseDir, EXPECTED_DIR, 'sink.json'));
}

export function writeExpected(caseDir: string, result: ExpectedResult): void {
  const dir = join(caseDir, EXPECTED_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const header = { sink: result.sink, columns: result.columns, order: result.order };
  writeFileSync(join(dir, 'sink.json'), JSON.stringify(header, null, 2) + '\n');
  writeFileSync(join(dir, 'changes.jsonl'), result.changes.map((change) => JSON.stringify(change) + '\n').join(''));
}

export function readExpected(caseDir: string): ExpectedResult {
  const dir = join(caseDir, EXPECTED_DIR);
  const header = JSON.parse(readFileSync(join(dir, 'sink.json'), 'utf8')) as Omit<ExpectedResult, 'changes'>;
  const text = readFileSync(join(dir, 'changes.jsonl'), 'utf8');
  const changes = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as ExpectedChange);
  return { ...header, changes };
}
