/**
 * Reading Flink's documented window examples from ../shared/reference/flink-docs/: the input tables of
 * _BID_TABLES.md, each page's ```sql blocks with the result table that follows them, and a canonical text for
 * comparing values (timestamps as yyyy-MM-dd HH:mm:ss.SSS, NULL as null).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatTimestamp, parseTimestamp } from '../../src/common/time.js';

export const REFERENCE = resolve(import.meta.dirname, '../../../shared/reference/flink-docs');

/** Whether the reference material is there; with SLUICE_REQUIRE_REFERENCE=1 its absence is an error. */
export function referenceAvailable(): boolean {
  const available = existsSync(REFERENCE);
  if (!available && process.env['SLUICE_REQUIRE_REFERENCE'] === '1') throw new Error(`Reference material missing at ${REFERENCE}`);
  return available;
}

export interface MarkdownTable {
  readonly header: string[];
  readonly rows: string[][];
}

export interface DocQuery {
  readonly section: string;
  /** The block's lines as written, comments included. */
  readonly body: readonly string[];
  readonly sql: string;
  readonly expected: MarkdownTable;
}

const cells = (line: string): string[] => line.split('|').slice(1, -1).map((c) => c.trim());

/** The first markdown table at or after line `from`, unless a code fence or a section comes first. */
export function tableAt(lines: readonly string[], from: number): { table: MarkdownTable; end: number } | undefined {
  let i = from;
  while (i < lines.length && !lines[i]!.startsWith('|')) {
    if (lines[i]!.startsWith('```') || lines[i]!.startsWith('## ')) return undefined;
    i++;
  }
  if (i >= lines.length) return undefined;
  const header = cells(lines[i]!);
  const rows: string[][] = [];
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(cells(lines[i]!));
  return { table: { header, rows }, end: i };
}

/** The input tables of _BID_TABLES.md by name: `Bid-A` … from `## Bid-X` sections, and `LeftTable:` / `RightTable:`. */
export function inputTables(): Map<string, MarkdownTable> {
  const lines = readFileSync(join(REFERENCE, '_BID_TABLES.md'), 'utf8').split('\n');
  const tables = new Map<string, MarkdownTable>();
  lines.forEach((line, i) => {
    const name = /^## (Bid-\w)/.exec(line)?.[1] ?? /^(LeftTable|RightTable):\s*$/.exec(line)?.[1];
    const found = name ? tableAt(lines, i + 1) : undefined;
    if (name && found) tables.set(name, found.table);
  });
  return tables;
}

/** Every ```sql block of a page that is followed by a result table, with its section; `--` lines removed. */
export function docQueries(page: string): DocQuery[] {
  const lines = readFileSync(join(REFERENCE, page), 'utf8').split('\n');
  const queries: DocQuery[] = [];
  let section = page;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith('## ')) section = lines[i]!.slice(3);
    if (lines[i] !== '```sql') continue;
    const body: string[] = [];
    for (i++; lines[i] !== '```'; i++) body.push(lines[i]!);
    const found = tableAt(lines, i + 1);
    if (!found) continue;
    const sql = body.filter((l) => !l.trim().startsWith('--')).join('\n').replace(/;\s*$/, '');
    queries.push({ section, body, sql, expected: found.table });
  }
  return queries;
}

/** The page's `Input: <table>` line (Bid-A when it names none). */
export function pageInput(page: string): string {
  return /Input: (Bid-\w)/.exec(readFileSync(join(REFERENCE, page), 'utf8'))?.[1] ?? 'Bid-A';
}

/** Canonical text of a value: timestamps as yyyy-MM-dd HH:mm:ss.SSS, NULL as null, everything else as is. */
export function canonical(value: unknown): string {
  if (value === null || value === '(NULL)' || value === 'NULL' || value === '<NULL>') return 'null';
  const text = String(value);
  const millis = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/.test(text) ? parseTimestamp(text) : undefined;
  return millis === undefined ? text : formatTimestamp(millis);
}
