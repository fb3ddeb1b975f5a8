/** Window Top-N through the embedded API: Flink's documented queries, keys, RANK / DENSE_RANK, rank filters, late rows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BID_C, engineWithSupplierBids, line, lines, supplierBid, TUMBLE_10 } from './bid-suppliers.js';

const topN = (select: string, over: string, where: string, from = TUMBLE_10) =>
  `SELECT ${select} FROM (SELECT *, ${over} AS rownum FROM ${from}) WHERE ${where}`;

test('documented Top-N after a window aggregation: top 3 suppliers by sales per window', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const result = engine.query(`SELECT * FROM (
      SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) as rownum
      FROM (SELECT window_start, window_end, supplier_id, SUM(price) as price, COUNT(*) as cnt FROM ${TUMBLE_10}
        GROUP BY window_start, window_end, supplier_id)
    ) WHERE rownum <= 3`);
  assert.deepEqual(result.columns.map((c) => `${c.name} ${c.type}`), [
    'window_start TIMESTAMP(3)', 'window_end TIMESTAMP(3)', 'supplier_id STRING', 'price DECIMAL(38, 2)', 'cnt BIGINT', 'rownum BIGINT',
  ]);
  assert.equal(result.updating, false);
  assert.deepEqual((await result.toArray()).map(line), [
    '08:00|08:10|supplier1|6.00|2|1',
    '08:00|08:10|supplier4|5.00|1|2',
    '08:00|08:10|supplier2|4.00|1|3',
    '08:10|08:20|supplier5|6.00|1|1',
    '08:10|08:20|supplier2|3.00|1|2',
    '08:10|08:20|supplier3|2.00|1|3',
  ]);
});

test('documented Top-N on the TVF: the tie between A and C goes to the earlier arrival, as the docs show', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const sql = topN('item, price, window_start, rownum', 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)', 'rownum <= 3');
  assert.deepEqual(await lines(engine, sql), ['D|5.00|08:00|1', 'A|4.00|08:00|2', 'C|4.00|08:00|3', 'F|6.00|08:10|1', 'H|3.00|08:10|2', 'B|2.00|08:10|3']);
  // A tiebreaker fixes the order: C (08:06) before A (08:05) with bidtime DESC.
  const tiebreak = topN('item, rownum', 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC, bidtime DESC)', 'rownum <= 3');
  assert.deepEqual(await lines(engine, tiebreak), ['D|1', 'C|2', 'A|3', 'F|1', 'H|2', 'B|3']);
});

test('Top-N with a key in PARTITION BY: the best bid per supplier and window', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const sql = topN('supplier_id, item, window_start', 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end, supplier_id ORDER BY price DESC)', 'rownum <= 1');
  assert.deepEqual((await lines(engine, sql)).sort(), [
    'supplier1|A|08:00', 'supplier1|E|08:10', 'supplier2|C|08:00', 'supplier2|H|08:10',
    'supplier3|B|08:00', 'supplier3|B|08:10', 'supplier4|D|08:00', 'supplier5|F|08:10',
  ]);
});

test('RANK leaves gaps after ties and DENSE_RANK does not; both keep every tied row', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const rank = topN('item, rownum', 'RANK() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)', 'rownum <= 3');
  assert.deepEqual(await lines(engine, rank), ['D|1', 'A|2', 'C|2', 'F|1', 'H|2', 'B|3']);
  const dense = topN('item, rownum', 'DENSE_RANK() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)', 'rownum <= 3');
  assert.deepEqual(await lines(engine, dense), ['D|1', 'A|2', 'C|2', 'G|3', 'B|3', 'F|1', 'H|2', 'B|3']);
});

test('rank filters: < N, = N, BETWEEN, N >= rownum, and a lower bound kept as a filter', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const over = 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)';
  assert.deepEqual(await lines(engine, topN('item', over, 'rownum < 2')), ['D', 'F']);
  assert.deepEqual(await lines(engine, topN('item', over, '2 >= rownum')), ['D', 'A', 'F', 'H']);
  assert.deepEqual(await lines(engine, topN('item, rownum', over, 'rownum = 2')), ['A|2', 'H|2']);
  assert.deepEqual(await lines(engine, topN('item, rownum', over, 'rownum BETWEEN 2 AND 3')), ['A|2', 'C|3', 'H|2', 'B|3']);
  assert.deepEqual(await lines(engine, topN('item', over, "rownum <= 3 AND item <> 'A'")), ['D', 'C', 'F', 'H', 'B']);
});

test('without the rank in the select list, the rank column is not computed (no ranking output)', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const sql = topN('item, price', 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)', 'rownum <= 1');
  const result = engine.query(sql);
  assert.deepEqual(result.columns.map((c) => c.name), ['item', 'price']);
  assert.deepEqual((await result.toArray()).map(line), ['D|5.00', 'F|6.00']);
  const plan = engine.explain(sql);
  assert.match(plan, /WindowRank\(rankType=\[ROW_NUMBER\], rankRange=\[rankStart=1, rankEnd=1\], partitionBy=\[window_start, window_end\], orderBy=\[price DESC\], select=\[bidtime, price, item, supplier_id, window_start, window_end, window_time\]/);
  assert.match(engine.explain(sql.replace('SELECT item, price', 'SELECT *')), /window_time, rownum\]/);
});

test('Top-N over HOP windows, ordered by an expression', async () => {
  const engine = engineWithSupplierBids(BID_C);
  const hop = "TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))";
  const sql = topN('window_start, window_end, item', 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY -price)', 'rownum <= 1', hop);
  assert.deepEqual(await lines(engine, sql), ['08:00|08:10|D', '08:05|08:15|D', '08:10|08:20|F', '08:15|08:25|F']);
});

test('late rows are dropped from Top-N and counted for their table', async () => {
  // After B (08:11) the watermark is 08:10:59: [08:00, 08:10) has fired, so C and D are late.
  const arrival = [supplierBid('08:05', '4.00', 'A', 's1'), supplierBid('08:11', '2.00', 'B', 's3'), supplierBid('08:06', '9.00', 'C', 's2'), supplierBid('08:09', '5.00', 'D', 's4')];
  const engine = engineWithSupplierBids(arrival);
  const result = engine.query(topN('item, rownum', 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)', 'rownum <= 2'));
  assert.deepEqual((await result.toArray()).map(line), ['A|1', 'B|1']);
  assert.equal((await result.done()).tables.find((t) => t.table === 'Bid')?.lateRecords, 2);
});

test('the same input gives identical output at batch sizes 1 and 4096', async () => {
  const shuffled = [5, 0, 7, 2, 8, 1, 6, 3, 4].map((i) => BID_C[i]!);
  const queries = [
    topN('*', 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC)', 'rownum <= 3'),
    topN('*', 'RANK() OVER (PARTITION BY window_start, window_end, supplier_id ORDER BY price ASC)', 'rownum <= 2'),
    topN('*', 'ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bidtime DESC)', 'rownum = 1'),
  ];
  for (const sql of queries) {
    const outputs: string[][] = [];
    for (const batchSize of ['1', '4096']) {
      const engine = engineWithSupplierBids(shuffled, { config: { 'sluice.batch-size': batchSize } });
      outputs.push(await lines(engine, sql));
    }
    assert.ok(outputs[0]!.length > 0);
    assert.deepEqual(outputs[0], outputs[1], sql);
  }
});
