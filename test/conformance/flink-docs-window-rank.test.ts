/**
 * Conformance with the window Top-N and window deduplication examples of Flink's documentation, read at test time
 * from ../shared/reference/flink-docs/: every ```sql block is run over Bid-C (the input of both pages) and its
 * result compared, in the columns the page shows, as a multiset with the table that follows the block. The Top-N
 * page's tie (A and C at 4.00) is resolved by arrival order in Sluice, which is what the page shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';
import { canonical, docQueries, inputTables, referenceAvailable, type MarkdownTable } from './flink-docs-pages.js';

const available = referenceAvailable();

const PAGES = ['window-topn.md', 'window-dedup.md'];

function bidC(): MarkdownTable {
  const table = inputTables().get('Bid-C');
  assert.ok(table, 'Bid-C in _BID_TABLES.md');
  return table;
}

const queriesOf = docQueries;

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
