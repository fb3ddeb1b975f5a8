/**
 * Conformance with the window examples of Flink's documentation, read at test time from
 * ../shared/reference/flink-docs/: every ```sql block of a page (and its `-- named…:` named-argument variant) is run
 * over the page's input table and compared, as a multiset, with the result table that follows it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';
import { canonical, docQueries, inputTables, pageInput, referenceAvailable, type DocQuery } from './flink-docs-pages.js';

const available = referenceAvailable();

/** Pages whose every query Sluice supports today. */
const PAGES = ['window-tvf-tumble.md', 'window-tvf-hop.md', 'window-tvf-cumulate.md', 'window-tvf-offset.md', 'window-tvf-session.md', 'window-agg-grouping-sets.md'];

/** The page's queries, each followed by its `-- named…:` named-argument variant when the block has one. */
function queriesOf(page: string): { input: string; queries: DocQuery[] } {
  const queries: DocQuery[] = [];
  for (const query of docQueries(page)) {
    queries.push(query);
    for (const line of query.body) {
      const named = /^\s*-- named[^:]*:\s*(.*)$/.exec(line)?.[1];
      if (named) {
        const sql = query.sql.replace(/(?:TUMBLE|HOP|CUMULATE|SESSION)\([^)]*DESCRIPTOR[\s\S]*?\)\)/, `${named})`);
        queries.push({ ...query, section: `${query.section} (named arguments)`, sql });
      }
    }
  }
  return { input: pageInput(page), queries };
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
