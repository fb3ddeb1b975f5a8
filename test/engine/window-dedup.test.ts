/** Window deduplication: ROW_NUMBER() ordered by the time attribute with rownum = 1 keeps the first or last row. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BID_C, engineWithSupplierBids, lines, supplierBid, TUMBLE_10 } from './bid-suppliers.js';

const dedup = (select: string, partition: string, order: string, where = 'rownum <= 1') =>
  `SELECT ${select} FROM (SELECT bidtime, price, item, supplier_id, window_start, window_end,
     ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY ${order}) AS rownum FROM ${TUMBLE_10}) WHERE ${where}`;

test('documented deduplication: the last bid of each window', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const sql = dedup('*', 'window_start, window_end', 'bidtime DESC');
  assert.deepEqual(await lines(engine, sql), ['08:09|5.00|D|supplier4|08:00|08:10|1', '08:17|6.00|F|supplier5|08:10|08:20|1']);
  assert.match(engine.explain(sql), /WindowDeduplicate\(keep=\[LastRow\], partitionBy=\[window_start, window_end\], orderKey=\[bidtime\]/);
});

test('ORDER BY the time attribute ASC keeps the first row; rownum = 1 works like <= 1', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const sql = dedup('item, window_start', 'window_start, window_end', 'bidtime ASC', 'rownum = 1');
  assert.deepEqual(await lines(engine, sql), ['A|08:00', 'B|08:10']);
  assert.match(engine.explain(sql), /WindowDeduplicate\(keep=\[FirstRow\]/);
});

test('deduplication per key within each window', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const sql = dedup('supplier_id, item, window_start', 'window_start, window_end, supplier_id', 'bidtime DESC');
  assert.deepEqual((await lines(engine, sql)).sort(), [
    'supplier1|E|08:10', 'supplier1|G|08:00', 'supplier2|C|08:00', 'supplier2|H|08:10',
    'supplier3|B|08:00', 'supplier3|B|08:10', 'supplier4|D|08:00', 'supplier5|F|08:10',
  ]);
});

test('the first row is the earliest by event time, not by arrival', async () => {
  // 08:05 arrives after 08:06 but is not late (the watermark is 08:05:59).
  const engine = engineWithSupplierBids([supplierBid('08:06', '1.00', 'later', 's'), supplierBid('08:05', '2.00', 'earlier', 's')]);
  assert.deepEqual(await lines(engine, dedup('item', 'window_start, window_end', 'bidtime')), ['earlier']);
  assert.deepEqual(await lines(engine, dedup('item', 'window_start, window_end', 'bidtime DESC')), ['later']);
});

test('ties in event time: ASC keeps the first arrival, DESC the last', async () => {
  const engine = engineWithSupplierBids([supplierBid('08:05', '1.00', 'X', 's'), supplierBid('08:05', '2.00', 'Y', 's'), supplierBid('08:05', '3.00', 'Z', 's')]);
  assert.deepEqual(await lines(engine, dedup('item', 'window_start, window_end', 'bidtime ASC')), ['X']);
  assert.deepEqual(await lines(engine, dedup('item', 'window_start, window_end', 'bidtime DESC')), ['Z']);
});

test('rownum = 1 ordered by something other than the time attribute is a Top-1, not a deduplication', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const sql = dedup('item', 'window_start, window_end', 'price DESC', 'rownum = 1');
  assert.deepEqual(await lines(engine, sql), ['D', 'F']);
  assert.match(engine.explain(sql), /WindowRank\(rankType=\[ROW_NUMBER\], rankRange=\[rankStart=1, rankEnd=1\]/);
});

test('deduplication after a window aggregation, on window_time (ties: the last arrival wins)', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const sql = `SELECT supplier_id, window_start FROM (
      SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY window_time DESC) AS rownum
      FROM (SELECT window_start, window_end, window_time, supplier_id, COUNT(*) AS n FROM ${TUMBLE_10}
        GROUP BY window_start, window_end, window_time, supplier_id)
    ) WHERE rownum <= 1`;
  assert.match(engine.explain(sql), /WindowDeduplicate\(keep=\[LastRow\]/);
  const rows = await lines(engine, sql);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => r.split('|')[1]), ['08:00', '08:10']);
});
