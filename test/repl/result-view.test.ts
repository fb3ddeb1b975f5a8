import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGrid, gridLines } from '../../repl/format/result-grid.js';
import { tableauLayout } from '../../repl/format/tableau.js';
import { typeWidth } from '../../src/cli/column-text.js';
import { ChangeLog } from '../../repl/live/change-log.js';
import { LiveQuery, currentWatermark } from '../../repl/live/live-query.js';
import { keyHints, statusLine } from '../../repl/live/status-line.js';
import { Throughput } from '../../repl/live/throughput.js';
import { FOLLOWING, scroll, visibleRange } from '../../repl/live/viewport.js';

const COLUMNS = [
  { name: 'item', type: 'STRING' },
  { name: 'n', type: 'BIGINT' },
];

describe('result grid', () => {
  it('puts column types under the names and right-aligns numbers', () => {
    const lines = gridLines(buildGrid(COLUMNS, [['A', 12n], ['Bee', 3n]]));
    assert.deepEqual(lines, [
      '+--------+--------+',
      '| item   |      n |',
      '| STRING | BIGINT |',
      '+--------+--------+',
      '| A      |     12 |',
      '| Bee    |      3 |',
      '+--------+--------+',
    ]);
  });

  it('scrolls sideways within the width, keeping pinned columns, and cuts long cells', () => {
    const columns = [{ name: 'op', type: null }, ...['a', 'b', 'c'].map((name) => ({ name, type: 'STRING' }))];
    const grid = buildGrid(columns, [['+I', 'x'.repeat(50), 'y', 'z']], { pinnedColumns: 1, firstColumn: 2, maxWidth: 30 });
    assert.deepEqual(grid.shownColumns, [0, 2, 3]);
    const narrow = buildGrid(columns, [['+I', 'x'.repeat(50), 'y', 'z']], { pinnedColumns: 1, maxWidth: 30 });
    assert.deepEqual(narrow.shownColumns, [0, 1], 'a column wider than the screen still shows, alone');
    assert.ok(narrow.rows[0]?.includes('x'.repeat(39) + '…'));
  });

  it('prints tableau rows with widths from the types', () => {
    const layout = tableauLayout(COLUMNS.map((column) => ({ ...column, nullable: true })));
    assert.equal(typeWidth('TIMESTAMP(3) *ROWTIME*'), 23);
    assert.equal(typeWidth('DECIMAL(10, 2)'), 12);
    assert.equal(layout.header[1], '| op | item                 |                    n |');
    assert.equal(layout.line({ op: '-U', row: { item: 'A', n: 5n } }), '| -U | A                    |                    5 |');
  });
});

describe('live view state', () => {
  it('follows the newest rows until scrolled up, and follows again at the end', () => {
    assert.deepEqual(visibleRange(FOLLOWING, 100, 10), { start: 90, end: 100 });
    let viewport = scroll(FOLLOWING, 'page-up', 100, 10, 3);
    assert.deepEqual(visibleRange(viewport, 120, 10), { start: 80, end: 90 }, 'stays put while rows arrive');
    viewport = scroll(viewport, 'home', 120, 10, 3);
    assert.deepEqual(visibleRange(viewport, 120, 10), { start: 0, end: 10 });
    viewport = scroll(viewport, 'down', 120, 10, 3);
    assert.equal(visibleRange(viewport, 120, 10).start, 1);
    viewport = scroll(viewport, 'end', 120, 10, 3);
    assert.equal(viewport.follow, true);
    viewport = scroll(scroll(viewport, 'right', 120, 10, 3), 'right', 120, 10, 3);
    assert.equal(scroll(viewport, 'right', 120, 10, 3).column, 2, 'stops at the last column');
  });

  it('keeps the newest changes of a long changelog, addressed by stream position', () => {
    const log = new ChangeLog(3);
    for (let n = 0; n < 5; n += 1) log.push({ op: '+I', row: { n } });
    assert.equal(log.size, 5);
    assert.equal(log.firstKept, 2);
    assert.deepEqual(log.slice(0, 10).map((change) => change.row.n), [2, 3, 4]);
    assert.deepEqual(log.slice(3, 4).map((change) => change.row.n), [3]);
  });

  it('measures rows per second over recent samples', () => {
    const rate = new Throughput(2_000);
    rate.record(0, 0);
    assert.equal(rate.perSecond(), 0);
    rate.record(100, 1_000);
    assert.equal(rate.perSecond(), 100);
    rate.record(100, 4_000);
    rate.record(400, 5_000);
    assert.equal(rate.perSecond(), 75, 'from the last sample at or before the window start');
    rate.record(700, 6_000);
    assert.equal(rate.perSecond(), 300);
  });

  it('shows the table or the changelog of a query, and its status line', () => {
    const query = new LiveQuery(
      COLUMNS.map((column) => ({ ...column, nullable: true })),
      'collect',
      true,
      'table',
      1_000,
    );
    query.apply({ op: '+I', row: { item: 'A', n: 1n } });
    query.apply({ op: '-U', row: { item: 'A', n: 1n } });
    query.apply({ op: '+U', row: { item: 'A', n: 2n } });
    assert.deepEqual(query.displayRows(0, query.displayRowCount()), [['A', 2n]]);
    query.toggleMode();
    assert.equal(query.displayRowCount(), 3);
    assert.deepEqual(query.displayRows(1, 2), [['-U', 'A', 1n]]);
    assert.deepEqual(query.displayColumns()[0], { name: 'op', type: null });
    query.status = { recordsIn: 10, inPerSecond: 1234, outPerSecond: 3, watermark: '2020-04-15 08:05:00.000', lateRecords: 2 };
    const line = statusLine(query, { firstRow: 1, lastRow: 3, totalRows: 3, firstColumn: 1, lastColumn: 2, totalColumns: 2 }, 3_500);
    assert.equal(line, '● running 2.50 s │ in 1,234 rows/s │ out 3 rows/s │ watermark 2020-04-15 08:05:00.000 │ late 2 │ changes 1-3 of 3');
    assert.match(keyHints(query, 200), /q\/Esc\/Ctrl-C stop .* m table .*200 ms/);
    query.end('finished', 4_000);
    assert.match(statusLine(query, null, 9_000), /^■ finished 3\.00 s │ in 10 rows │ out 3 changes │/, 'totals once ended');
    assert.match(keyHints(query, 200), /^q\/Esc return to the prompt/);
  });

  it('takes the watermark of the window operators, else of the active sources', () => {
    const source = { table: 't', split: 0, maxEventTime: null, records: 1 };
    const base = { jobName: 'collect', status: 'running' as const };
    assert.equal(
      currentWatermark({ ...base, sources: [{ ...source, watermark: '2020-01-01 00:00:05.000', idle: false }, { ...source, watermark: null, idle: true }], windows: [] }),
      '2020-01-01 00:00:05.000',
    );
    const window = { operator: 'WindowAggregate#3', openWindows: 1, oldestOpenWindow: null, remainingMs: null };
    assert.equal(
      currentWatermark({ ...base, sources: [], windows: [{ ...window, watermark: 'end of input' }, { ...window, watermark: '2020-01-01 00:00:01.000' }] }),
      '2020-01-01 00:00:01.000',
    );
    assert.equal(currentWatermark({ ...base, sources: [], windows: [{ ...window, watermark: null }] }), null);
  });
});
