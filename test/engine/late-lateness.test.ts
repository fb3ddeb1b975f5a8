/** 'table.exec.emit.allow-lateness': fired windows keep their state; late rows within it update the result. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueryResult } from '../../src/index.js';
import { bid, DOCUMENTED_BIDS, engineWithBids, rowStrings, TUMBLE_SUM } from './helpers.js';

/** The documented bids with C and D arriving after B fired [08:00, 08:10), and G (08:08) arriving after F. */
const ARRIVAL = [
  bid('08:07', '2.00', 'A'), bid('08:11', '3.00', 'B'), bid('08:05', '4.00', 'C'), bid('08:09', '5.00', 'D'),
  bid('08:13', '1.00', 'E'), bid('08:17', '6.00', 'F'), bid('08:08', '7.00', 'G'),
];

async function changelog(result: QueryResult): Promise<string[]> {
  const changes: string[] = [];
  for await (const { op, row } of result) changes.push(`${op} ${Object.values(row).map((v) => String(v).replace('2020-04-15 ', '').replace(':00.000', '')).join(' ')}`);
  return changes;
}

for (const batchSize of ['1', '4096']) {
  test(`allowed lateness 1 min: C and D update the fired window, G is too late (batch size ${batchSize})`, async () => {
    const engine = engineWithBids(ARRIVAL, { config: { 'sluice.batch-size': batchSize, 'table.exec.emit.allow-lateness': '1 min' } });
    const result = engine.query(TUMBLE_SUM);
    assert.equal(result.updating, true);
    assert.deepEqual(await changelog(result), [
      '+I 08:00 08:10 2.00',
      '-U 08:00 08:10 2.00', // C and D arrived within the lateness; emitted at the next watermark advance (E)
      '+U 08:00 08:10 11.00',
      '+I 08:10 08:20 10.00',
    ]);
    const summary = await result.done();
    assert.equal(summary.tables[0]?.lateRecords, 1);
    assert.deepEqual(await engine.query('SELECT bidtime, price, late_watermark FROM `Bid$late`').toArray(), [
      { bidtime: '2020-04-15 08:08:00.000', price: '7.00', late_watermark: '2020-04-15 08:16:59.000' },
    ]);
  });

  test(`allowed lateness 10 min: G still updates the window, at the end of input (batch size ${batchSize})`, async () => {
    const engine = engineWithBids(ARRIVAL, { config: { 'sluice.batch-size': batchSize, 'table.exec.emit.allow-lateness': '10 min' } });
    const result = engine.query(TUMBLE_SUM);
    assert.deepEqual(await changelog(result), [
      '+I 08:00 08:10 2.00',
      '-U 08:00 08:10 2.00',
      '+U 08:00 08:10 11.00',
      '-U 08:00 08:10 11.00',
      '+U 08:00 08:10 18.00',
      '+I 08:10 08:20 10.00',
    ]);
    assert.equal((await result.done()).tables[0]?.lateRecords, 0);
  });
}

test('without allowed lateness the same arrival gives final results only, and the late rows are dropped', async () => {
  const engine = engineWithBids(ARRIVAL);
  const result = engine.query(TUMBLE_SUM);
  assert.equal(result.updating, false);
  assert.deepEqual(await changelog(result), ['+I 08:00 08:10 2.00', '+I 08:10 08:20 10.00']);
  assert.equal((await result.done()).tables[0]?.lateRecords, 3);
});

test('allowed lateness: toArray applies the updates; in-order input gives the plain results', async () => {
  const late = engineWithBids(ARRIVAL, { config: { 'table.exec.emit.allow-lateness': '10 min' } });
  assert.deepEqual(rowStrings(await late.query(TUMBLE_SUM).toArray()), [
    '2020-04-15 08:00:00.000,2020-04-15 08:10:00.000,18.00',
    '2020-04-15 08:10:00.000,2020-04-15 08:20:00.000,10.00',
  ]);
  const inOrder = engineWithBids(DOCUMENTED_BIDS, { config: { 'table.exec.emit.allow-lateness': '10 min' } });
  assert.deepEqual(await changelog(inOrder.query(TUMBLE_SUM)), ['+I 08:00 08:10 11.00', '+I 08:10 08:20 10.00']);
});

test('allowed lateness keeps a bare window TVF emitting rows for recently fired windows', async () => {
  const rows = [bid('08:07', '2.00', 'A'), bid('08:11', '3.00', 'B'), bid('08:05', '4.00', 'C')];
  const sql = `SELECT item, window_start FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))`;
  const dropped = engineWithBids(rows).query(sql);
  assert.deepEqual(rowStrings(await dropped.toArray()), ['A,2020-04-15 08:00:00.000', 'B,2020-04-15 08:10:00.000']);
  const kept = engineWithBids(rows, { config: { 'table.exec.emit.allow-lateness': '1 min' } }).query(sql);
  assert.equal(kept.updating, false);
  assert.deepEqual(rowStrings(await kept.toArray()), ['A,2020-04-15 08:00:00.000', 'B,2020-04-15 08:10:00.000', 'C,2020-04-15 08:00:00.000']);
});

test('allowed lateness makes window results an update stream: EXPLAIN says so and append-only sinks refuse it', async () => {
  const engine = engineWithBids(ARRIVAL, { config: { 'table.exec.emit.allow-lateness': '1 min' } });
  const plan = engine.explain(TUMBLE_SUM);
  assert.match(plan, /allowedLateness=\[1 min\]/);
  assert.match(plan, /changelog \(\+I, -U, \+U, -D\)/);
  await engine.execute(`CREATE TABLE out_file (s TIMESTAMP(3), e TIMESTAMP(3), total DECIMAL(38, 2)) WITH ('connector' = 'filesystem', 'path' = '/tmp/sluice-late-never-written', 'format' = 'json')`);
  await assert.rejects(engine.execute(`INSERT INTO out_file ${TUMBLE_SUM}`), /doesn't support consuming update changes.*allow-lateness/);
  await engine.execute("RESET 'table.exec.emit.allow-lateness'");
  assert.doesNotMatch(engine.explain(TUMBLE_SUM), /allowedLateness/);
});
