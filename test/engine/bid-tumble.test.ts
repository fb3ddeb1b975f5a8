/** Flink's documented TUMBLE example, in order and with late arrivals, through the embedded API. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTED_BIDS, bid, engineWithBids, rowStrings, TUMBLE_SUM } from './helpers.js';

for (const batchSize of ['1', '4096']) {
  test(`documented TUMBLE sums (batch size ${batchSize})`, async () => {
    const engine = engineWithBids(DOCUMENTED_BIDS, { config: { 'sluice.batch-size': batchSize } });
    const result = engine.query(TUMBLE_SUM);
    assert.deepEqual(result.columns.map((c) => `${c.name} ${c.type}`), [
      'window_start TIMESTAMP(3)',
      'window_end TIMESTAMP(3)',
      'total DECIMAL(38, 2)',
    ]);
    assert.equal(result.updating, false);
    assert.deepEqual(await result.toArray(), [
      { window_start: '2020-04-15 08:00:00.000', window_end: '2020-04-15 08:10:00.000', total: '11.00' },
      { window_start: '2020-04-15 08:10:00.000', window_end: '2020-04-15 08:20:00.000', total: '10.00' },
    ]);
    const summary = await result.done();
    assert.equal(summary.tables.find((t) => t.table === 'Bid')?.lateRecords, 0);
  });

  test(`late arrivals are left out and counted (batch size ${batchSize})`, async () => {
    // C (08:05) and D (08:09) arrive after B (08:11) moved the watermark to 08:10:59: window [08:00, 08:10) has fired.
    const arrival = [bid('08:07', '2.00', 'A'), bid('08:11', '3.00', 'B'), bid('08:05', '4.00', 'C'), bid('08:09', '5.00', 'D'), bid('08:13', '1.00', 'E'), bid('08:17', '6.00', 'F')];
    const engine = engineWithBids(arrival, { config: { 'sluice.batch-size': batchSize } });
    const result = engine.query(TUMBLE_SUM);
    assert.deepEqual(rowStrings(await result.toArray()), [
      '2020-04-15 08:00:00.000,2020-04-15 08:10:00.000,2.00',
      '2020-04-15 08:10:00.000,2020-04-15 08:20:00.000,10.00',
    ]);
    const summary = await result.done();
    assert.equal(summary.tables.find((t) => t.table === 'Bid')?.lateRecords, 2);
  });
}

test('a record exactly at the watermark boundary is late; one millisecond later is not', async () => {
  // After 08:10:01 the watermark is 08:10:00 ≥ 08:09:59.999, so [08:00, 08:10) has fired.
  const fired = engineWithBids([bid('08:01', '1.00', 'A'), { bidtime: '2020-04-15 08:10:01', price: '1.00', item: 'B' }, bid('08:02', '7.00', 'C')]);
  const firedResult = fired.query(TUMBLE_SUM);
  assert.deepEqual(rowStrings(await firedResult.toArray()), [
    '2020-04-15 08:00:00.000,2020-04-15 08:10:00.000,1.00',
    '2020-04-15 08:10:00.000,2020-04-15 08:20:00.000,1.00',
  ]);
  assert.equal((await firedResult.done()).tables[0]?.lateRecords, 1);
  // After 08:10:00.999 the watermark is 08:09:59.999 — exactly the window's last millisecond: fired too.
  const edge = engineWithBids([bid('08:01', '1.00', 'A'), { bidtime: '2020-04-15 08:10:00.999', price: '1.00', item: 'B' }, bid('08:02', '7.00', 'C')]);
  const edgeResult = edge.query(TUMBLE_SUM);
  await edgeResult.toArray();
  assert.equal((await edgeResult.done()).tables[0]?.lateRecords, 1);
  // After 08:10:00.998 the watermark is 08:09:59.998: the window is still open.
  const open = engineWithBids([bid('08:01', '1.00', 'A'), { bidtime: '2020-04-15 08:10:00.998', price: '1.00', item: 'B' }, bid('08:02', '7.00', 'C')]);
  const openResult = open.query(TUMBLE_SUM);
  assert.deepEqual(rowStrings(await openResult.toArray()), [
    '2020-04-15 08:00:00.000,2020-04-15 08:10:00.000,8.00',
    '2020-04-15 08:10:00.000,2020-04-15 08:20:00.000,1.00',
  ]);
});

test('grouping by a key inside windows, with COUNT, COUNT(DISTINCT), AVG, MIN, MAX', async () => {
  const rows = [bid('08:01', '1.00', 'A'), bid('08:02', '3.00', 'A'), bid('08:03', '3.00', 'B'), bid('08:04', '2.00', 'A'), bid('08:12', '5.00', 'A')];
  const engine = engineWithBids(rows);
  const result = engine.query(`SELECT item, window_start, COUNT(*) AS n, COUNT(DISTINCT price) AS prices, AVG(price) AS avg_price,
      MIN(price) AS lo, MAX(price) AS hi
    FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
    GROUP BY item, window_start, window_end`);
  assert.deepEqual(await result.toArray(), [
    { item: 'A', window_start: '2020-04-15 08:00:00.000', n: 3n, prices: 3n, avg_price: '2.000000', lo: '1.00', hi: '3.00' },
    { item: 'B', window_start: '2020-04-15 08:00:00.000', n: 1n, prices: 1n, avg_price: '3.000000', lo: '3.00', hi: '3.00' },
    { item: 'A', window_start: '2020-04-15 08:10:00.000', n: 1n, prices: 1n, avg_price: '5.000000', lo: '5.00', hi: '5.00' },
  ]);
});

test('HAVING and expressions over aggregates in a window aggregation', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const rows = await engine.query(`SELECT window_end, SUM(price) * 2 AS doubled FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
    GROUP BY window_start, window_end HAVING SUM(price) > 10.5`).toArray();
  assert.deepEqual(rows, [{ window_end: "2020-04-15 08:10:00.000", doubled: "22.00" }]);
});

test('a bare window TVF appends window columns and drops late rows', async () => {
  const arrival = [bid('08:07', '2.00', 'A'), bid('08:11', '3.00', 'B'), bid('08:05', '4.00', 'C')];
  const engine = engineWithBids(arrival);
  const result = engine.query(`SELECT item, window_start, window_end, window_time FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))`);
  assert.deepEqual(result.columns.map((c) => c.type), ['STRING', 'TIMESTAMP(3)', 'TIMESTAMP(3)', 'TIMESTAMP(3) *ROWTIME*']);
  assert.deepEqual(rowStrings(await result.toArray()), [
    'A,2020-04-15 08:00:00.000,2020-04-15 08:10:00.000,2020-04-15 08:09:59.999',
    'B,2020-04-15 08:10:00.000,2020-04-15 08:20:00.000,2020-04-15 08:19:59.999',
  ]);
  assert.equal((await result.done()).tables[0]?.lateRecords, 1);
});

test('cascaded windows: a TUMBLE over the window_time of a TUMBLE', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  await engine.execute(`CREATE VIEW per10 AS SELECT window_start AS s, window_time AS wt, COUNT(*) AS n
    FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, window_time`);
  const rows = await engine.query(`SELECT window_start, SUM(n) AS total FROM TABLE(TUMBLE(TABLE per10, DESCRIPTOR(wt), INTERVAL '1' HOUR))
    GROUP BY window_start, window_end`).toArray();
  assert.deepEqual(rows, [{ window_start: '2020-04-15 08:00:00.000', total: 6n }]);
});

test('TUMBLE with an offset aligns windows to the offset', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const rows = await engine.query(`SELECT window_start, window_end, COUNT(*) AS n
    FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES, INTERVAL '3' MINUTES)) GROUP BY window_start, window_end`).toArray();
  assert.deepEqual(rowStrings(rows), [
    '2020-04-15 08:03:00.000,2020-04-15 08:13:00.000,4',
    '2020-04-15 08:13:00.000,2020-04-15 08:23:00.000,2',
  ]);
});
