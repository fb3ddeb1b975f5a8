/**
 * Conformance with the window Top-N and window deduplication examples of Flink's documentation, read at test time
 * from ../shared/reference/flink-docs/: every ```sql block is run over Bid-C (the input of both pages) and its
 * result compared, in the columns the page shows, as a multiset with the table that follows the block. The Top-N
 * page's tie (A and C at 4.00) is resolved by arrival order in Sluice, which is what the page shows.
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

const PAGES = ['window-topn.md', 'window-dedup.md'];

interface Table {
  readonly header: string[];
  readonly rows: string[][];
}

const cells = (line: string): string[] => line.split('|').slice(1, -1).map((c) => c.trim());

/** The first markdown table at or after line `from`, unless a code fence or a section comes first. */
function tableAt(lines: readonly string[], from: number): Table | undefined {
  let i = from;
  while (i < lines.length && !lines[i]!.startsWith('|')) {
    if (lines[i]!.startsWith('```') || lines[i]!.startsWith('## ')) return undefined;
    i++;
  }
  if (i >= lines.length) return undefined;
  const header = cells(lines[i]!);
  const rows: string[][] = [];
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(cells(lines[i]!));
  return { header, rows };
}

function bidC(): Table {
  const lines = readFileSync(join(REFERENCE, '_BID_TABLES.md'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('## Bid-C'));
  const table = at >= 0 ? tableAt(lines, at + 1) : undefined;
  assert.ok(table, 'Bid-C in _BID_TABLES.md');
  return table;
}

function queriesOf(page: string): { section: string; sql: string; expected: Table }[] {
  const lines = readFileSync(join(REFERENCE, page), 'utf8').split('\n');
  const queries: { section: string; sql: string; expected: Table }[] = [];
  let section = page;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith('## ')) section = lines[i]!.slice(3);
    if (lines[i] !== '```sql') continue;
    const body: string[] = [];
    for (i++; lines[i] !== '```'; i++) body.push(lines[i]!);
    const expected = tableAt(lines, i + 1);
    if (expected) queries.push({ section, sql: body.join('\n').replace(/;\s*$/, ''), expected });
  }
  return queries;
}

function canonical(value: unknown): string {
  if (value === null) return 'null';
  const text = String(value);
  const millis = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/.test(text) ? parseTimestamp(text) : undefined;
  return millis === undefined ? text : formatTimestamp(millis);
}

for (const page of available ? PAGES : []) {
  for (const query of queriesOf(page)) {
    test(`${page}: ${query.section}`, async () => {
      const input = bidC();
      const engine = new Engine();
      engine.registerTable('Bid', {
        columns: input.header.map((name) => ({ name, type: name === 'bidtime' ? 'TIMESTAMP(3)' : name === 'price' ? 'DECIMAL(10, 2)' : 'STRING' })),
        rows: input.rows.map((row) => Object.fromEntries(input.header.map((h, i) => [h, row[i]]))),
        watermark: { column: 'bidtime', expression: "bidtime - INTERVAL '1' SECOND" },
      });
      const rows = await engine.query(query.sql).toArray();
      const shown = query.expected.header;
      for (const name of shown) assert.ok(rows.length === 0 || name in rows[0]!, `column ${name} in the result`);
      const actual = rows.map((r) => shown.map((name) => canonical(r[name])).join(' | ')).sort();
      const expected = query.expected.rows.map((row) => row.map(canonical).join(' | ')).sort();
      assert.deepEqual(actual, expected);
    });
  }
}

test('the Flink window Top-N and deduplication pages are found', { skip: !available }, () => {
  assert.equal(queriesOf('window-topn.md').length, 2);
  assert.equal(queriesOf('window-dedup.md').length, 1);
});
