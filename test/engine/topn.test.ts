/**
 * Top-N without a window (Flink's Rank) end to end: the exact changelog of ROW_NUMBER with and without the rank
 * selected, a rank range that starts above 1, RANK and DENSE_RANK with ties, a global Top-N, an updating input (a
 * GROUP BY) whose retractions bring the next row up, both state backends, batch-size independence, EXPLAIN and the
 * sink check. Deduplication is in deduplicate.test.ts; random inputs in topn-property.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, type Change, type EngineOptions } from '../../src/index.js';

interface BidRow {
  readonly ts: string;
  readonly auction: number;
  readonly price: number;
  readonly bidder: string;
}

const bidRow = (time: string, auction: number, price: number, bidder: string): BidRow => ({ ts: `2020-04-15 12:${time}`, auction, price, bidder });

/** Arrival order; the last bid is out of order (its time is before the previous ones'). */
const BIDS: readonly BidRow[] = [
  bidRow('00:00', 1, 10, 'u1'),
  bidRow('01:00', 1, 30, 'u2'),
  bidRow('02:00', 1, 20, 'u3'),
  bidRow('03:00', 2, 5, 'u4'),
  bidRow('00:30', 1, 40, 'u5'),
];

function engine(rows: readonly BidRow[] = BIDS, options: EngineOptions = {}): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('Bid', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'auction', type: 'INT' }, { name: 'price', type: 'INT' }, { name: 'bidder', type: 'STRING' }],
    rows: rows.map((r) => ({ ...r })),
    watermark: { column: 'ts', expression: "ts - INTERVAL '1' SECOND" },
  });
  e.registerTable('Sales', {
    columns: [{ name: 'cat', type: 'STRING' }, { name: 'item', type: 'STRING' }, { name: 'n', type: 'INT' }],
    rows: [
      { cat: 'c', item: 'x', n: 5 },
      { cat: 'c', item: 'y', n: 3 },
      { cat: 'c', item: 'z', n: 4 },
      { cat: 'c', item: 'y', n: 3 },
      { cat: 'c', item: 'x', n: -5 },
    ],
  });
  return e;
}

const TOP2 = (select: string, where = 'rn <= 2', fn = 'ROW_NUMBER', partition = 'PARTITION BY auction') =>
  `SELECT ${select} FROM (SELECT *, ${fn}() OVER (${partition} ORDER BY price DESC) AS rn FROM Bid) WHERE ${where}`;

async function changes(e: Engine, sql: string): Promise<{ lines: string[]; updating: boolean }> {
  const result = e.query(sql);
  const lines: string[] = [];
  for await (const change of result) lines.push(line(change));
  await e.close();
  return { lines, updating: result.updating };
}

const line = (change: Change): string => `${change.op} ${Object.values(change.row).map((v) => (v === null ? 'null' : String(v))).join(',')}`;

test('ROW_NUMBER with the rank selected: a change at a rank is -U/+U of that rank, +I where the result grows', async () => {
  const { lines, updating } = await changes(engine(), TOP2('auction, price, rn'));
  assert.equal(updating, true);
  assert.deepEqual(lines, [
    '+I 1,10,1',
    '-U 1,10,1', '+U 1,30,1', '+I 1,10,2',
    '-U 1,10,2', '+U 1,20,2',
    '+I 2,5,1',
    '-U 1,30,1', '+U 1,40,1', '-U 1,20,2', '+U 1,30,2',
  ]);
});

test('ROW_NUMBER without the rank selected: rows entering the Top-N are +I, rows pushed out -D', async () => {
  const { lines } = await changes(engine(), TOP2('auction, price, bidder'));
  assert.deepEqual(lines, ['+I 1,10,u1', '+I 1,30,u2', '-D 1,10,u1', '+I 1,20,u3', '+I 2,5,u4', '-D 1,20,u3', '+I 1,40,u5']);
});

test('a rank range that starts above 1 (BETWEEN 2 AND 3) changes only ranks 2 and 3', async () => {
  const { lines } = await changes(engine(), TOP2('auction, price, rn', 'rn BETWEEN 2 AND 3'));
  assert.deepEqual(lines, [
    '+I 1,10,2',
    '-U 1,10,2', '+U 1,20,2', '+I 1,10,3',
    '-U 1,20,2', '+U 1,30,2', '-U 1,10,3', '+U 1,20,3',
  ]);
});

test('without PARTITION BY: one Top-N over the whole stream; other conjuncts of the WHERE filter the result', async () => {
  const { lines } = await changes(engine(), TOP2('price, rn', 'rn <= 2 AND price > 10', 'ROW_NUMBER', ''));
  // Global ranking 10 | 30,10 | 30,20 | 30,20 | 40,30 — the changes at rank 2 that involve price 10 are filtered out.
  assert.deepEqual(lines, ['+U 30,1', '+U 20,2', '-U 30,1', '+U 40,1', '-U 20,2', '+U 30,2']);
});

const TIES: readonly BidRow[] = [bidRow('00:00', 1, 10, 'u1'), bidRow('01:00', 1, 30, 'u2'), bidRow('02:00', 1, 30, 'u3'), bidRow('03:00', 1, 20, 'u4')];

test('RANK: ties share a rank and the next rank is skipped', async () => {
  const { lines } = await changes(engine(TIES), TOP2('price, bidder, rn', 'rn <= 2', 'RANK'));
  assert.deepEqual(lines, ['+I 10,u1,1', '-U 10,u1,1', '+U 30,u2,1', '+I 10,u1,2', '-U 10,u1,2', '+U 30,u3,1']);
});

test('DENSE_RANK: ties share a rank and the next rank follows', async () => {
  const { lines } = await changes(engine(TIES), TOP2('price, bidder, rn', 'rn <= 2', 'DENSE_RANK'));
  assert.deepEqual(lines, [
    '+I 10,u1,1', '-U 10,u1,1', '+U 30,u2,1', '+I 10,u1,2',
    '-U 10,u1,2', '+U 30,u3,1', '+I 10,u1,2',
    '-U 10,u1,2', '+U 20,u4,2',
  ]);
});

test('over an updating input (GROUP BY): a retraction in the Top-N brings the next row up', async () => {
  const sql = `SELECT item, total, rn FROM (
      SELECT *, ROW_NUMBER() OVER (PARTITION BY cat ORDER BY total DESC) AS rn
      FROM (SELECT cat, item, SUM(n) AS total FROM Sales GROUP BY cat, item))
    WHERE rn <= 2`;
  const { lines } = await changes(engine(), sql);
  assert.deepEqual(lines, [
    '+I x,5,1',
    '+I y,3,2',
    '-U y,3,2', '+U z,4,2',
    // y: 3 → 6 arrives as -U y,3 (not in the Top-N: nothing) then +U y,6
    '-U x,5,1', '+U y,6,1', '-U z,4,2', '+U x,5,2',
    // x: 5 → 0: -U x,5 leaves rank 2 to z; +U x,0 does not rank
    '-U x,5,2', '+U z,4,2',
  ]);
});

for (const backend of ['memory', 'sqlite'] as const) {
  for (const batchSize of ['1', '3', '4096']) {
    test(`${backend} state, batch size ${batchSize}: the same changelog`, async () => {
      const options = { config: { 'state.backend': backend, 'sluice.batch-size': batchSize } };
      const { lines } = await changes(engine(BIDS, options), TOP2('auction, price, rn'));
      const reference = await changes(engine(), TOP2('auction, price, rn'));
      assert.deepEqual(lines, reference.lines);
    });
  }
}

test('EXPLAIN: Rank with its strategy, range, partition, order and changelog; RetractStrategy over an updating input', async () => {
  const e = engine();
  const plan = e.explain(TOP2('auction, price, rn'));
  assert.match(plan, /Rank\(strategy=\[AppendFastStrategy\], rankType=\[ROW_NUMBER\], rankRange=\[rankStart=1, rankEnd=2\], partitionBy=\[auction\], orderBy=\[price DESC\], select=\[ts, auction, price, bidder, rn\], changelog=\[\+I, -U, \+U, -D\]\)/);
  assert.match(plan, /Exchange\(distribution=\[hash\[auction\]\]\)/);
  assert.match(plan, /changelog \(\+I, -U, \+U, -D\): auction INT, price INT, rn BIGINT/);
  assert.match(e.explain(TOP2('auction, price')), /Rank\(strategy=\[AppendFastStrategy\].*select=\[ts, auction, price, bidder\], changelog=\[\+I, -D\]\)/);
  const updating = e.explain(`SELECT * FROM (SELECT *, RANK() OVER (PARTITION BY cat ORDER BY total DESC) AS r
    FROM (SELECT cat, item, SUM(n) AS total FROM Sales GROUP BY cat, item)) WHERE r <= 3`);
  assert.match(updating, /Rank\(strategy=\[RetractStrategy\], rankType=\[RANK\], rankRange=\[rankStart=1, rankEnd=3\], partitionBy=\[cat\], orderBy=\[total DESC\]/);
  const ttl = engine(BIDS, { config: { 'table.exec.state.ttl': '1 h' } }).explain(TOP2('auction, price, rn'));
  assert.match(ttl, /Rank\(.*stateTtl=\[1 h\]\)/);
  await e.close();
});

test('the time attribute is materialised: the Top-N result is not a rowtime', async () => {
  const e = engine();
  const result = e.query(TOP2('ts, rn'));
  assert.equal(result.columns[0]!.type, 'TIMESTAMP(3)');
  await result.cancel();
  await e.close();
});

test('an append-only sink refuses a Top-N, naming it', async () => {
  const e = engine();
  await e.execute("CREATE TABLE out_csv (auction INT, price INT) WITH ('connector' = 'filesystem', 'path' = '/tmp/never-written', 'format' = 'csv')");
  await assert.rejects(e.execute(`INSERT INTO out_csv ${TOP2('auction, price')}`), /doesn't support consuming update changes, which the query produces \(a Top-N \(ROW_NUMBER\(\) without a window\)\)/);
  await e.close();
});

test('a ranking without an upper bound on the rank is refused', async () => {
  const e = engine();
  assert.throws(() => e.explain(TOP2('auction, price', 'rn > 1')), /ROW_NUMBER\(\) needs an upper bound on its result in the enclosing query's WHERE/);
  await e.close();
});
