/**
 * Conformance with the window join examples of Flink's documentation, read at test time from
 * ../shared/reference/flink-docs/window-join.md (queries and result tables) and _BID_TABLES.md (LeftTable and
 * RightTable). The FULL OUTER join, and the SEMI and ANTI forms (IN / EXISTS subqueries on the window bounds, planned
 * as regular semi / anti joins), must give the documented rows.
 *
 * Input order: the docs list LeftTable with L2 (12:06) before L3 (12:03). Flink emits watermarks periodically, so
 * on three rows no watermark passes between them and L3 is not late; Sluice advances the watermark record by
 * record (docs/semantics.md), under which L3 would be late. Feeding each table in time order gives the result a
 * batch computation gives, which is what the docs show (test/engine/window-join.test.ts covers the arrival order).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';
import { parseTimestamp } from '../../src/common/time.js';
import { canonical, docQueries, inputTables, referenceAvailable, type DocQuery, type MarkdownTable } from './flink-docs-pages.js';

const available = referenceAvailable();

const documentedQueries = (): DocQuery[] => docQueries('window-join.md');

/** LeftTable and RightTable of _BID_TABLES.md. */
function joinTables(): Map<string, MarkdownTable> {
  return new Map([...inputTables()].filter(([name]) => name === 'LeftTable' || name === 'RightTable'));
}

function engineWithTables(): Engine {
  const engine = new Engine({ printLine: () => {} });
  for (const [name, table] of joinTables()) {
    const rows = table.rows
      .map((cells) => ({ row_time: cells[0]!, num: Number(cells[1]), id: cells[2]! }))
      .sort((a, b) => parseTimestamp(a.row_time)! - parseTimestamp(b.row_time)!);
    engine.registerTable(name, {
      columns: [{ name: 'row_time', type: 'TIMESTAMP(3)' }, { name: 'num', type: 'INT' }, { name: 'id', type: 'STRING' }],
      rows,
      watermark: { column: 'row_time', expression: "row_time - INTERVAL '1' SECOND" },
    });
  }
  return engine;
}

const lines = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map(canonical).join(' | ')).sort();

const queries = available ? documentedQueries() : [];
const outerJoins = queries.filter((q) => /\bJOIN\b/i.test(q.sql));
const semiAnti = queries.filter((q) => !/\bJOIN\b/i.test(q.sql));

for (const query of outerJoins) {
  test(`window-join.md: ${query.section}, window bounds from either side`, async () => {
    // The docs print the right side's window bounds on right-only rows although the query selects L.window_start
    // and L.window_end (see the note in window-join.md): with COALESCE the result is exactly the documented one.
    const sql = query.sql.replace(
      /L\.window_start, L\.window_end/,
      'COALESCE(L.window_start, R.window_start) AS window_start, COALESCE(L.window_end, R.window_end) AS window_end',
    );
    assert.notEqual(sql, query.sql, 'the query selects L.window_start, L.window_end');
    const rows = await engineWithTables().query(sql).toArray();
    assert.deepEqual(lines(rows.map((r) => Object.values(r))), lines(query.expected.rows));
  });

  test(`window-join.md: ${query.section}, as written`, async () => {
    // Read literally, L.window_start and L.window_end are NULL where the left side is padded.
    const rows = await engineWithTables().query(query.sql).toArray();
    const leftWidth = query.expected.header.indexOf('R_Num');
    const strict = query.expected.rows.map((cells) =>
      cells[0] === 'null' ? cells.map((c, i) => (i >= leftWidth + 2 ? 'null' : c)) : cells);
    assert.deepEqual(lines(rows.map((r) => Object.values(r))), lines(strict));
  });
}

for (const query of semiAnti) {
  test(`window-join.md: ${query.section}: the documented rows (planned as a semi / anti join on the window bounds)`, async () => {
    const rows = await engineWithTables().query(query.sql).toArray();
    assert.deepEqual(lines(rows.map((r) => Object.values(r))), lines(query.expected.rows));
  });

  test(`window-join.md: ${query.section}: the [NOT] EXISTS form gives the same rows`, async () => {
    const exists = query.sql.replace(/L\.num (NOT )?IN \(\s*SELECT num FROM/i, (_, not: string | undefined) => `${not ?? ''}EXISTS (SELECT * FROM`)
      .replace(/R\.window_end\)\s*$/, 'R.window_end AND L.num = R.num)');
    assert.notEqual(exists, query.sql);
    assert.match(exists, /EXISTS \(SELECT \* FROM/);
    const rows = await engineWithTables().query(exists).toArray();
    assert.deepEqual(lines(rows.map((r) => Object.values(r))), lines(query.expected.rows));
  });
}

test('the window join page and its tables are found', { skip: !available }, () => {
  assert.equal(outerJoins.length, 1);
  assert.equal(semiAnti.length, 2);
  assert.deepEqual([...joinTables().keys()].sort(), ['LeftTable', 'RightTable']);
});
