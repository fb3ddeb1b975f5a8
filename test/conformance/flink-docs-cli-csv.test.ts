/**
 * Flink's documented window examples once more, this time the way a user runs them: each page becomes one SQL
 * script over CSV files (the page's input table written out as CSV), run by the real CLI process
 * (`node bin/sluice.js run`, built by `npm test`), and every result table it prints is compared, as a multiset and
 * in the columns the page shows, with the page's table. The embedded API over in-process rows is covered by
 * flink-docs-windows / -window-rank / -window-join; together they run every window kind and window operator
 * through both entry points and both file formats (the corpus covers JSON).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { canonical, docQueries, inputTables, pageInput, referenceAvailable, type MarkdownTable } from './flink-docs-pages.js';

const run = promisify(execFile);
const SLUICE = resolve(import.meta.dirname, '../../bin/sluice.js');
const available = referenceAvailable();

const COLUMN_TYPES: Record<string, string> = { bidtime: 'TIMESTAMP(3)', row_time: 'TIMESTAMP(3)', price: 'DECIMAL(10, 2)', num: 'INT' };
const TIME_COLUMNS = ['bidtime', 'row_time'];

interface Page {
  readonly page: string;
  /** Tables the page's queries read, by SQL name → input table name in _BID_TABLES.md. */
  readonly tables: Readonly<Record<string, string>>;
  /** Feed rows in event-time order (see flink-docs-window-join.test.ts for why the join page needs it). */
  readonly timeOrdered?: boolean;
}

const PAGES: readonly Page[] = [
  ...['window-tvf-tumble.md', 'window-tvf-hop.md', 'window-tvf-cumulate.md', 'window-tvf-offset.md', 'window-tvf-session.md',
    'window-agg-grouping-sets.md', 'window-topn.md', 'window-dedup.md'].map((page) => ({ page, tables: { Bid: page === 'window-dedup.md' ? 'Bid-C' : undefined } })),
  { page: 'window-join.md', tables: { LeftTable: 'LeftTable', RightTable: 'RightTable' }, timeOrdered: true },
].map((p) => ({ ...p, tables: Object.fromEntries(Object.entries(p.tables).map(([sql, input]) => [sql, input ?? pageInput(p.page)])) }));

const csvText = (table: MarkdownTable, timeOrdered: boolean): string => {
  const timeIndex = table.header.findIndex((h) => TIME_COLUMNS.includes(h));
  const rows = table.rows.map((cells) => cells.map((cell, i) => (i === timeIndex && /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(cell) ? `${cell}:00` : cell)));
  if (timeOrdered) rows.sort((a, b) => a[timeIndex]!.localeCompare(b[timeIndex]!));
  return rows.map((r) => r.join(',')).join('\n') + '\n';
};

function createTable(name: string, table: MarkdownTable, path: string): string {
  const time = table.header.find((h) => TIME_COLUMNS.includes(h))!;
  const columns = table.header.map((h) => `${h} ${COLUMN_TYPES[h] ?? 'STRING'}`).join(', ');
  return `CREATE TABLE ${name} (${columns}, WATERMARK FOR ${time} AS ${time} - INTERVAL '1' SECOND)\n` +
    `  WITH ('connector' = 'filesystem', 'path' = '${path}', 'format' = 'csv');\n`;
}

/** The bordered result tables the CLI printed, in order. */
function printedTables(stdout: string): MarkdownTable[] {
  const tables: MarkdownTable[] = [];
  const lines = stdout.split('\n');
  const cells = (line: string): string[] => line.split('|').slice(1, -1).map((c) => c.trim());
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('+-') || !lines[i + 1]?.startsWith('|')) continue;
    const header = cells(lines[i + 1]!);
    const rows: string[][] = [];
    for (i += 3; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(cells(lines[i]!));
    tables.push({ header, rows });
  }
  return tables;
}

/**
 * `actual` in the expected columns, rows as sorted canonical text: matched by name (case-insensitively) when the page
 * names every column as the query does, else by position (the pages often show an aggregate under another name).
 */
function project(actual: MarkdownTable, columns: readonly string[]): string[] {
  const byName = columns.map((c) => actual.header.findIndex((h) => h.toLowerCase() === c.toLowerCase()));
  const indexes = byName.every((i) => i >= 0) ? byName : columns.map((_, i) => i);
  assert.ok(byName.every((i) => i >= 0) || columns.length === actual.header.length, `columns ${columns.join(', ')} in ${actual.header.join(', ')}`);
  return actual.rows.map((row) => indexes.map((i) => canonical(row[i])).join(' | ')).sort();
}

for (const { page, tables, timeOrdered } of available ? PAGES : []) {
  test(`${page} through the CLI over CSV files`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-docs-csv-'));
    try {
      const inputs = inputTables();
      let script = '';
      for (const [name, inputName] of Object.entries(tables)) {
        const input = inputs.get(inputName);
        assert.ok(input, `input table ${inputName}`);
        const path = join(directory, `${name}.csv`);
        writeFileSync(path, csvText(input, timeOrdered === true));
        script += createTable(name, input, path);
      }
      // SEMI / ANTI joins (IN / EXISTS subqueries) are not supported yet (flink-docs-window-join checks the error).
      const queries = docQueries(page).filter((q) => !/\bEXISTS\b|\bIN\s*\(\s*SELECT/i.test(q.sql));
      assert.ok(queries.length > 0, 'the page has queries');
      // The join page prints the right side's window bounds on right-only rows although its query selects
      // L.window_start / L.window_end (see the page's note and flink-docs-window-join.test.ts): COALESCE reproduces it.
      const documented = (sql: string): string =>
        sql.replace(/L\.window_start, L\.window_end/, 'COALESCE(L.window_start, R.window_start) AS window_start, COALESCE(L.window_end, R.window_end) AS window_end');
      script += queries.map((q) => `${documented(q.sql)};\n`).join('');
      writeFileSync(join(directory, 'page.sql'), script);
      const { stdout } = await run(process.execPath, [SLUICE, 'run', join(directory, 'page.sql')], { cwd: directory, maxBuffer: 16 << 20 });
      const printed = printedTables(stdout);
      assert.equal(printed.length, queries.length, `one result table per query:\n${stdout}`);
      queries.forEach((query, i) => {
        const expected = query.expected.rows.map((cells) => cells.map(canonical).join(' | ')).sort();
        assert.deepEqual(project(printed[i]!, query.expected.header), expected, `${query.section}\n${query.sql}`);
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
}
