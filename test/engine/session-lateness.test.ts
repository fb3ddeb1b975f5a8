/**
 * 'table.exec.emit.allow-lateness' on SESSION windows (TVF and legacy GROUP BY SESSION): fired sessions keep their
 * state; late records join and merge them exactly as on-time ones; the changes come out at the next watermark
 * advance as -U/+U (same group key, session grown) and -D (an emitted session absorbed by a merge).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueryResult } from '../../src/index.js';
import { bid, engineWithBids, rowStrings } from './helpers.js';

async function changelog(result: QueryResult): Promise<string[]> {
  const changes: string[] = [];
  for await (const { op, row } of result) changes.push(`${op} ${Object.values(row).map((v) => String(v).replace('2020-04-15 ', '').replace(':00.000', '')).join(' ')}`);
  return changes;
}

/**
 * Arrival order (watermark = bidtime − 1 s, gap 5 min, lateness 15 min): A and B form [08:01, 08:08), fired by C.
 * D (08:10) arrives after [08:10, 08:15) would have fired: a new, already fired session. E (08:06) bridges the two
 * fired sessions; H (08:02) grows the merged one again. J (08:12) comes after [08:01, 08:15) expired (08:29:59):
 * late. K (08:25) grows the fired [08:20, 08:27).
 */
const ARRIVAL = [
  bid('08:01', '1.00', 'A'), bid('08:03', '2.00', 'B'), bid('08:20', '3.00', 'C'), bid('08:10', '4.00', 'D'),
  bid('08:21', '1.00', 'F'), bid('08:06', '5.00', 'E'), bid('08:22', '1.00', 'G'), bid('08:02', '1.00', 'H'),
  bid('08:40', '1.00', 'I'), bid('08:12', '1.00', 'J'), bid('08:25', '2.00', 'K'),
];

const SESSION_SUM = `SELECT window_start, window_end, SUM(price) AS total
  FROM TABLE(SESSION(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end`;

for (const batchSize of ['1', '4096']) {
  test(`SESSION with allowed lateness 15 min: late rows grow and merge fired sessions (batch size ${batchSize})`, async () => {
    const engine = engineWithBids(ARRIVAL, { config: { 'sluice.batch-size': batchSize, 'table.exec.emit.allow-lateness': '15 min' } });
    const result = engine.query(SESSION_SUM);
    assert.equal(result.updating, true);
    assert.deepEqual(await changelog(result), [
      '+I 08:01 08:08 3.00', // C moves the watermark to 08:19:59
      '+I 08:10 08:15 4.00', // D: a session that is born fired, emitted when F advances the watermark
      '-D 08:10 08:15 4.00', // E bridges both fired sessions (emitted when G advances the watermark):
      '-U 08:01 08:08 3.00', //   the earlier one continues as the merged session, the later one is gone
      '+U 08:01 08:15 12.00',
      '-U 08:01 08:15 12.00', // H, emitted when I moves the watermark to 08:39:59 …
      '+U 08:01 08:15 13.00',
      '+I 08:20 08:27 5.00', // … which also fires C, F, G's session; [08:01, 08:15) expires
      '-U 08:20 08:27 5.00', // K grows the fired session (emitted at the end of input)
      '+U 08:20 08:30 7.00',
      '+I 08:40 08:45 1.00',
    ]);
    assert.equal((await result.done()).tables[0]?.lateRecords, 1);
    assert.deepEqual(await engine.query('SELECT bidtime, price, late_watermark FROM `Bid$late`').toArray(), [
      { bidtime: '2020-04-15 08:12:00.000', price: '1.00', late_watermark: '2020-04-15 08:39:59.000' },
    ]);
  });

  test(`legacy GROUP BY item, SESSION(...) with allowed lateness 10 min: a late row re-opens a fired session (batch size ${batchSize})`, async () => {
    const rows = [
      bid('08:00', '1.00', 'x'), bid('08:02', '2.00', 'y'), bid('08:12', '3.00', 'x'), bid('08:04', '4.00', 'x'),
      bid('08:09', '5.00', 'y'), bid('08:06', '6.00', 'y'), bid('08:20', '1.00', 'z'), bid('08:03', '1.00', 'x'),
    ];
    const engine = engineWithBids(rows, { config: { 'sluice.batch-size': batchSize, 'table.exec.emit.allow-lateness': '10 min' } });
    const result = engine.query(`SELECT item, SESSION_START(bidtime, INTERVAL '5' MINUTE) AS s, SESSION_END(bidtime, INTERVAL '5' MINUTE) AS e,
      SUM(price) AS total FROM Bid GROUP BY item, SESSION(bidtime, INTERVAL '5' MINUTE)`);
    assert.equal(result.updating, true);
    assert.deepEqual(await changelog(result), [
      '+I x 08:00 08:05 1.00', // x at 08:12 moves the watermark to 08:11:59
      '+I y 08:02 08:07 2.00',
      '-U x 08:00 08:05 1.00', // x at 08:04 grows the fired session; emitted when z advances the watermark
      '+U x 08:00 08:09 5.00',
      '-U y 08:02 08:07 2.00', // y at 08:06 merged the fired [08:02, 08:07) with the open [08:09, 08:14):
      '+U y 08:02 08:14 13.00', //   open again, so it is emitted when it fires (08:13:59)
      '+I x 08:12 08:17 3.00',
      '+I z 08:20 08:25 1.00', // x at 08:03: [08:00, 08:09) expired at 08:18:59, so it is late
    ]);
    assert.equal((await result.done()).tables[0]?.lateRecords, 1);
  });
}

test('SESSION with allowed lateness: toArray applies the changes; without lateness the late rows are dropped', async () => {
  const late = engineWithBids(ARRIVAL, { config: { 'table.exec.emit.allow-lateness': '15 min' } });
  assert.deepEqual(rowStrings(await late.query(SESSION_SUM).toArray()), [
    '2020-04-15 08:01:00.000,2020-04-15 08:15:00.000,13.00',
    '2020-04-15 08:20:00.000,2020-04-15 08:30:00.000,7.00',
    '2020-04-15 08:40:00.000,2020-04-15 08:45:00.000,1.00',
  ]);
  const strict = engineWithBids(ARRIVAL).query(SESSION_SUM);
  assert.equal(strict.updating, false);
  assert.deepEqual(await changelog(strict), ['+I 08:01 08:08 3.00', '+I 08:20 08:27 5.00', '+I 08:40 08:45 1.00']);
  assert.equal((await strict.done()).tables[0]?.lateRecords, 5); // D, E, H, J, K
});

test('SESSION with allowed lateness is an update stream: EXPLAIN says so and append-only sinks refuse it', async () => {
  const engine = engineWithBids(ARRIVAL, { config: { 'table.exec.emit.allow-lateness': '15 min' } });
  const plan = engine.explain(SESSION_SUM);
  assert.match(plan, /WindowAggregate\(.*SESSION\(time_col=\[bidtime\], gap=\[5 min\]\).*allowedLateness=\[15 min\]/);
  assert.match(plan, /changelog \(\+I, -U, \+U, -D\)/);
  await engine.execute(`CREATE TABLE out_file (s TIMESTAMP(3), e TIMESTAMP(3), total DECIMAL(38, 2)) WITH ('connector' = 'filesystem', 'path' = '/tmp/sluice-session-late-never-written', 'format' = 'json')`);
  await assert.rejects(engine.execute(`INSERT INTO out_file ${SESSION_SUM}`), /doesn't support consuming update changes.*allow-lateness/);
  await engine.execute("RESET 'table.exec.emit.allow-lateness'");
  const reset = engine.explain(SESSION_SUM);
  assert.doesNotMatch(reset, /allowedLateness/);
  assert.match(reset, /append-only \(\+I\)/);
});

test('the bare SESSION TVF does not take allowed lateness: late rows are still dropped, the output stays append-only', async () => {
  const engine = engineWithBids(ARRIVAL, { config: { 'table.exec.emit.allow-lateness': '15 min' } });
  const sql = 'SELECT item, window_start, window_end FROM TABLE(SESSION(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL \'5\' MINUTES))';
  assert.doesNotMatch(engine.explain(sql), /allowedLateness/);
  const result = engine.query(sql);
  assert.equal(result.updating, false);
  assert.equal((await result.toArray()).length, 6);
  assert.equal((await result.done()).tables[0]?.lateRecords, 5);
});
