/** Late records you can see: the `<table>$late` log, per-table and per-operator counts, max-future-skew. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTimestamp } from '../../src/common/time.js';
import { bid, engineWithBids, rowStrings, TUMBLE_SUM } from './helpers.js';

/** A, then B moves the watermark to 08:10:59 so that [08:00, 08:10) fires; C and D arrive late for it. */
const LATE_ARRIVAL = [bid('08:07', '2.00', 'A'), bid('08:11', '3.00', 'B'), bid('08:05', '4.00', 'C'), bid('08:09', '5.00', 'D'), bid('08:13', '1.00', 'E'), bid('08:17', '6.00', 'F')];

const PER_ITEM = `SELECT item, window_start, SUM(price) AS total
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
  GROUP BY item, window_start, window_end`;

for (const batchSize of ['1', '4096']) {
  test(`late records are left out of results and logged in Bid$late (batch size ${batchSize})`, async () => {
    const engine = engineWithBids(LATE_ARRIVAL, { config: { 'sluice.batch-size': batchSize } });
    const result = engine.query(PER_ITEM);
    assert.deepEqual(rowStrings(await result.toArray()), [
      'A,2020-04-15 08:00:00.000,2.00',
      'B,2020-04-15 08:10:00.000,3.00',
      'E,2020-04-15 08:10:00.000,1.00',
      'F,2020-04-15 08:10:00.000,6.00',
    ]);
    const summary = await result.done();
    assert.equal(summary.tables.find((t) => t.table === 'Bid')?.lateRecords, 2);
    const dropping = (summary.operators ?? []).filter((o) => o.lateRecords > 0);
    assert.equal(dropping.length, 1);
    assert.match(dropping[0]!.name, /^WindowAggregate#\d+$/);
    assert.equal(dropping[0]!.lateRecords, 2);

    const late = await engine.query('SELECT bidtime, price, item, late_reason, late_operator, late_watermark, late_job FROM `Bid$late`').toArray();
    assert.deepEqual(late, [
      { bidtime: '2020-04-15 08:05:00.000', price: '4.00', item: 'C', late_reason: 'late', late_operator: dropping[0]!.name, late_watermark: '2020-04-15 08:10:59.000', late_job: 'collect' },
      { bidtime: '2020-04-15 08:09:00.000', price: '5.00', item: 'D', late_reason: 'late', late_operator: dropping[0]!.name, late_watermark: '2020-04-15 08:10:59.000', late_job: 'collect' },
    ]);
    await engine.close();
  });
}

test('the late table has the columns of its table plus the late_* columns, and can be aggregated', async () => {
  const engine = engineWithBids(LATE_ARRIVAL);
  assert.deepEqual(engine.describeTable('Bid$late').map((c) => `${c.name} ${c.type}`), [
    'bidtime TIMESTAMP(3)', 'price DECIMAL(10, 2)', 'item STRING',
    'late_reason STRING', 'late_operator STRING', 'late_watermark TIMESTAMP(3)', 'late_job STRING', 'late_at TIMESTAMP(3)',
  ]);
  assert.deepEqual(await engine.query('SELECT * FROM `Bid$late`').toArray(), []);
  await engine.query(TUMBLE_SUM).toArray();
  await engine.query(TUMBLE_SUM).toArray(); // a second job logs its own late records
  const counts = await engine.query('SELECT late_job, COUNT(*) AS n, SUM(price) AS total FROM `Bid$late` GROUP BY late_job').toArray();
  assert.deepEqual(counts, [{ late_job: 'collect', n: 4n, total: '18.00' }]);
  const [row] = await engine.query('SELECT late_at FROM `Bid$late`').toArray();
  const loggedAt = Date.parse(String(row!['late_at']).replace(' ', 'T') + 'Z');
  assert.ok(Math.abs(Date.now() - loggedAt) < 60_000, 'late_at is the wall clock when the record was dropped');
});

test('a bare window TVF logs the rows it drops, and a table without a watermark has no late table', async () => {
  const engine = engineWithBids([bid('08:07', '2.00', 'A'), bid('08:11', '3.00', 'B'), bid('08:05', '4.00', 'C')]);
  await engine.query('SELECT item FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL \'10\' MINUTES))').toArray();
  const late = await engine.query('SELECT item, late_operator FROM `bid$late`').toArray();
  assert.equal(late.length, 1);
  assert.equal(late[0]!['item'], 'C');
  assert.match(String(late[0]!['late_operator']), /^WindowTableFunction#\d+$/);
  await engine.execute("CREATE TABLE plain (x INT) WITH ('connector' = 'datagen')");
  assert.throws(() => engine.query('SELECT * FROM `plain$late`'), /Unknown table 'plain\$late': table 'plain' has no WATERMARK/);
});

test('only the last sluice.late-records.max-retained records are kept; the counters stay exact', async () => {
  const rows = [bid('08:30', '1.00', 'Z'), ...Array.from({ length: 5 }, (_, i) => bid(`08:0${i}`, `${i}.00`, `L${i}`))];
  const engine = engineWithBids(rows, { config: { 'sluice.late-records.max-retained': '3' } });
  const result = engine.query(PER_ITEM);
  await result.toArray();
  assert.equal((await result.done()).tables[0]?.lateRecords, 5);
  const kept = await engine.query('SELECT item FROM `Bid$late`').toArray();
  assert.deepEqual(kept.map((r) => r['item']), ['L2', 'L3', 'L4']);
});

test('max-future-skew: a record 10 years ahead does not doom the records after it', async () => {
  const future = formatTimestamp(Date.now() + 10 * 365 * 86_400_000);
  const rows = [bid('08:07', '2.00', 'A'), { bidtime: future, price: '9.00', item: 'X' }, bid('08:05', '4.00', 'C'), bid('08:11', '3.00', 'B')];
  const doomed = engineWithBids(rows);
  const doomedResult = doomed.query(TUMBLE_SUM);
  assert.equal((await doomedResult.toArray()).length, 2); // [08:00, 08:10) and the future window; C, B late
  assert.equal((await doomedResult.done()).tables[0]?.lateRecords, 2);

  const guarded = engineWithBids(rows, { config: { 'table.exec.watermark.max-future-skew': '1 h' } });
  const result = guarded.query(TUMBLE_SUM);
  assert.deepEqual(rowStrings(await result.toArray()), [
    '2020-04-15 08:00:00.000,2020-04-15 08:10:00.000,6.00',
    '2020-04-15 08:10:00.000,2020-04-15 08:20:00.000,3.00',
  ]);
  const summary = await result.done();
  const table = summary.tables.find((t) => t.table === 'Bid');
  assert.equal(table?.lateRecords, 0);
  assert.equal(table?.futureRecords, 1);
  const assigner = (summary.operators ?? []).find((o) => o.futureRecords > 0);
  assert.match(assigner?.name ?? '', /^WatermarkAssigner#\d+$/);
  const logged = await guarded.query('SELECT item, late_reason, late_operator, late_watermark FROM `Bid$late`').toArray();
  assert.deepEqual(logged, [{ item: 'X', late_reason: 'future', late_operator: assigner!.name, late_watermark: '2020-04-15 08:06:59.000' }]);
  assert.match(guarded.explain(TUMBLE_SUM), /maxFutureSkew=\[1 h ahead of the wall clock/);
});
