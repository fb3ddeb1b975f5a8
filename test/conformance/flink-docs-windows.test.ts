/**
 * Conformance with the window examples of Flink's documentation, read at test time from
 * ../shared/reference/flink-docs/: every ```sql block of a page (and its `-- named…:` named-argument variant) is run
 * over the page's input table and compared, as a multiset, with the result table that follows it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Engine } from '../../src/index.js';
import { formatTimestamp, parseTimestamp } from '../../src/common/time.js';

const REFERENCE = resolve(import.meta.dirname, '../../../shared/reference/flink-docs');
const available = existsSync(REFERENCE);
if (!available && process.env['SLUICE_REQUIRE_REFERENCE'] === '1') throw new Error(`Reference material missing at ${REFERENCE}`);

/** Pages whose every query Sluice supports today. */
const PAGES = ['window-tvf-tumble.md', 'window-tvf-hop.md', 'window-tvf-cumulate.md', 'window-tvf-offset.md', 'window-tvf-session.md', 'window-agg-grouping-sets.md'];

interface MarkdownTable {
  readonly header: string[];
  readonly rows: string[][];
}

function tableAt(lines: readonly string[], from: number): { table: MarkdownTable; end: number } | undefined {
  let i = from;
  while (i < lines.length && !lines[i]!.startsWith('|')) {
    if (lines[i]!.startsWith('```') || lines[i]!.startsWith('## ')) return undefined;
    i++;
  }
  if (i >= lines.length) return undefined;
  const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
  const header = cells(lines[i]!);
  const rows: string[][] = [];
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(cells(lines[i]!));
  return { table: { header, rows }, end: i };
}

/** The input tables of _BID_TABLES.md by name (Bid-A, …). */
function inputTables(): Map<string, MarkdownTable> {
  const lines = readFileSync(join(REFERENCE, '_BID_TABLES.md'), 'utf8').split('\n');
  const tables = new Map<string, MarkdownTable>();
  lines.forEach((line, i) => {
    const name = /^## (Bid-\w)/.exec(line)?.[1];
    const found = name ? tableAt(lines, i + 1) : undefined;
    if (name && found) tables.set(name, found.table);
  });
  return tables;
}

interface DocQuery {
  readonly section: string;
  readonly sql: string;
  readonly expected: MarkdownTable;
}

function queriesOf(page: string): { input: string; queries: DocQuery[] } {
  const text = readFileSync(join(REFERENCE, page), 'utf8');
  const input = /Input: (Bid-\w)/.exec(text)?.[1] ?? 'Bid-A';
  const lines = text.split('\n');
  const queries: DocQuery[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith('## ')) section = lines[i]!.slice(3);
    if (lines[i] !== '```sql') continue;
    const body: string[] = [];
    for (i++; lines[i] !== '```'; i++) body.push(lines[i]!);
    const found = tableAt(lines, i + 1);
    if (!found) continue;
    const sql = body.filter((l) => !l.trim().startsWith('--')).join('\n').replace(/;\s*$/, '');
    queries.push({ section, sql, expected: found.table });
    for (const line of body) {
      const named = /^\s*-- named[^:]*:\s*(.*)$/.exec(line)?.[1];
      if (named) queries.push({ section: `${section} (named arguments)`, sql: sql.replace(/(?:TUMBLE|HOP|CUMULATE|SESSION)\([^)]*DESCRIPTOR[\s\S]*?\)\)/, `${named})`), expected: found.table });
    }
  }
  return { input, queries };
}

/** Canonical text of a value: timestamps as yyyy-MM-dd HH:mm:ss.SSS, everything else as is. */
function canonical(value: unknown): string {
  if (value === null || value === '(NULL)') return 'null';
  const text = String(value);
  const millis = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/.test(text) ? parseTimestamp(text) : undefined;
  return millis === undefined ? text : formatTimestamp(millis);
}

for (const page of available ? PAGES : []) {
  const { input, queries } = queriesOf(page);
  for (const query of queries) {
    test(`${page}: ${query.section}`, async () => {
      const table = inputTables().get(input);
      assert.ok(table, `input table ${input}`);
      const engine = new Engine();
      engine.registerTable('Bid', {
        columns: table.header.map((name) => ({ name, type: name === 'bidtime' ? 'TIMESTAMP(3)' : name === 'price' ? 'DECIMAL(10, 2)' : 'STRING' })),
        rows: table.rows.map((cells) => Object.fromEntries(table.header.map((h, i) => [h, cells[i]]))),
        watermark: { column: 'bidtime', expression: "bidtime - INTERVAL '1' SECOND" },
      });
      const rows = await engine.query(query.sql).toArray();
      const actual = rows.map((r) => Object.values(r).map(canonical).join(' | ')).sort();
      const expected = query.expected.rows.map((cells) => cells.map(canonical).join(' | ')).sort();
      assert.deepEqual(actual, expected);
    });
  }
}

test('the Flink documentation pages are found', { skip: !available }, () => {
  for (const page of PAGES) assert.ok(queriesOf(page).queries.length >= 1, page);
});
