/**
 * Early firing on SESSION windows: whenever the watermark enters a new delay-long period, every open session whose
 * result changed since it was last emitted emits it (+I the first time, then -U/+U; -D when a merge absorbs an
 * emitted session). Deterministic: the same changelog at every batch size.
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

const early = (delay: string, batchSize: string) => ({
  config: { 'table.exec.emit.early-fire.enabled': 'true', 'table.exec.emit.early-fire.delay': delay, 'sluice.batch-size': batchSize },
});

/** Per item, gap 5 min, watermark = bidtime − 1 s, early firing every 2 min of watermark progress. */
const PARTITIONED = [
  bid('08:00', '1.00', 'x'), bid('08:01', '2.00', 'y'), bid('08:04', '3.00', 'x'), bid('08:08', '4.00', 'y'),
  bid('08:07', '5.00', 'y'), bid('08:15', '1.00', 'x'), bid('08:20', '1.00', 'z'),
];

for (const batchSize of ['1', '4096']) {
  test(`early firing per partitioned session every 2 min of event time (batch size ${batchSize})`, async () => {
    const engine = engineWithBids(PARTITIONED, early('2 min', batchSize));
    const result = engine.query(`SELECT item, window_start, window_end, SUM(price) AS total
      FROM TABLE(SESSION(TABLE Bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))
      GROUP BY item, window_start, window_end`);
    assert.equal(result.updating, true);
    assert.deepEqual(await changelog(result), [
      '+I x 08:00 08:05 1.00', // watermark 07:59:59 (after x 08:00): the first period
      '+I y 08:01 08:06 2.00', // 08:00:59: y's session changed, x's did not
      '-U x 08:00 08:05 1.00', // 08:03:59: x at 08:04 grew x's session
      '+U x 08:00 08:09 4.00',
      '+I y 08:08 08:13 4.00', // 08:07:59: [08:01, 08:06) fires unchanged (nothing); y at 08:08 is a new session
      '-U y 08:08 08:13 4.00', // 08:14:59: y at 08:07 grew it; it fires (x's [08:00, 08:09) too, unchanged) …
      '+U y 08:07 08:13 9.00',
      '+I x 08:15 08:20 1.00', // … and the period 08:14–08:16 shows x's new session
      '+I z 08:20 08:25 1.00', // end of input: the rest fires; [08:15, 08:20) is unchanged
    ]);
    assert.equal((await result.done()).tables[0]?.lateRecords, 0);
  });

  test(`early firing: a record bridging two emitted open sessions retracts the absorbed one with -D (batch size ${batchSize})`, async () => {
    const rows = [
      bid('08:00', '1.00', 'A'), bid('08:06', '2.00', 'B'), bid('08:12', '3.00', 'C'), bid('08:03', '4.00', 'D'),
      bid('08:30', '5.00', 'E'), bid('08:31', '1.00', 'F'),
    ];
    const engine = engineWithBids(rows, early('5 min', batchSize), "INTERVAL '15' MINUTE");
    const result = engine.query(`SELECT window_start, window_end, SUM(price) AS total
      FROM TABLE(SESSION(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)) GROUP BY window_start, window_end`);
    assert.deepEqual(await changelog(result), [
      '+I 08:00 08:05 1.00', // watermark 07:45 (after A)
      '+I 08:06 08:11 2.00', // 07:51 (after B), a new period
      '+I 08:12 08:17 3.00', // 07:57 (after C); then D bridges the first two sessions, both still open
      '-D 08:06 08:11 2.00', // 08:15 (after E): the merged session fires — the absorbed session's row goes,
      '-U 08:00 08:05 1.00', //   the continued one is updated
      '+U 08:00 08:11 7.00',
      '+I 08:30 08:35 5.00', // the new period shows E's session ([08:12, 08:17) is unchanged)
      '-U 08:30 08:35 5.00', // end of input: F grew it
      '+U 08:30 08:36 6.00',
    ]);
  });
}

test('early firing and allowed lateness together on the legacy syntax: partial, final and late updates', async () => {
  const rows = [bid('08:00', '1.00', 'A'), bid('08:03', '2.00', 'B'), bid('08:10', '3.00', 'C'), bid('08:04', '4.00', 'D'), bid('08:20', '1.00', 'E')];
  const engine = engineWithBids(rows, { config: { ...early('2 min', '1').config, 'table.exec.emit.allow-lateness': '5 min' } });
  const sql = `SELECT SESSION_START(bidtime, INTERVAL '5' MINUTE) AS s, SESSION_END(bidtime, INTERVAL '5' MINUTE) AS e, SUM(price) AS total
    FROM Bid GROUP BY SESSION(bidtime, INTERVAL '5' MINUTE)`;
  assert.match(engine.explain(sql), /emit=\[early every 2 min of watermark progress, final when watermark >= window_end - 1 ms\], allowedLateness=\[5 min\]/);
  assert.deepEqual(await changelog(engine.query(sql)), [
    '+I 08:00 08:05 1.00', // 07:59:59: early
    '-U 08:00 08:05 1.00', // 08:09:59: fires, B having grown it
    '+U 08:00 08:08 3.00',
    '+I 08:10 08:15 3.00', // the same advance is a new period: C's session, early
    '-U 08:00 08:08 3.00', // 08:19:59: D (late, within the lateness) changed the fired session
    '+U 08:00 08:09 7.00',
    '+I 08:20 08:25 1.00', // end of input ([08:10, 08:15) fired at 08:19:59 unchanged)
  ]);
  const applied = await engineWithBids(rows, { config: { ...early('2 min', '4096').config, 'table.exec.emit.allow-lateness': '5 min' } }).query(sql).toArray();
  assert.deepEqual(rowStrings(applied), [
    '2020-04-15 08:00:00.000,2020-04-15 08:09:00.000,7.00',
    '2020-04-15 08:10:00.000,2020-04-15 08:15:00.000,3.00',
    '2020-04-15 08:20:00.000,2020-04-15 08:25:00.000,1.00',
  ]);
});
