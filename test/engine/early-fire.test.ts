/** Early firing: partial window results as updates every `delay` of watermark progress, deterministic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTED_BIDS, bid, engineWithBids, rowStrings, TUMBLE_SUM } from './helpers.js';
import type { QueryResult } from '../../src/index.js';

async function changelog(result: QueryResult): Promise<string[]> {
  const changes: string[] = [];
  for await (const { op, row } of result) changes.push(`${op} ${Object.values(row).map((v) => String(v).replace('2020-04-15 ', '').replace(':00.000', '')).join(' ')}`);
  return changes;
}

const EARLY = { 'table.exec.emit.early-fire.enabled': 'true', 'table.exec.emit.early-fire.delay': '5 min' };

test('early firing every 5 minutes of event time emits partial sums as updates, the same at every batch size', async () => {
  const runs: string[][] = [];
  for (const batchSize of ['1', '2', '4096']) {
    const engine = engineWithBids(DOCUMENTED_BIDS, { config: { ...EARLY, 'sluice.batch-size': batchSize } });
    const result = engine.query(TUMBLE_SUM);
    assert.equal(result.updating, true);
    runs.push(await changelog(result));
  }
  assert.deepEqual(runs[0], [
    '+I 08:00 08:10 4.00', // the watermark entered 08:00–08:05 (08:04:59) after C
    '-U 08:00 08:10 4.00', // it entered 08:05–08:10 after A
    '+U 08:00 08:10 6.00',
    '-U 08:00 08:10 6.00', // the window fired after B: D had changed it
    '+U 08:00 08:10 11.00',
    '+I 08:10 08:20 3.00', // the same advance entered 08:10–08:15: B's partial result
    '-U 08:10 08:20 3.00', // 08:15–08:20 after F
    '+U 08:10 08:20 10.00', // the final firing changes nothing, so emits nothing
  ]);
  assert.deepEqual(runs[1], runs[0]);
  assert.deepEqual(runs[2], runs[0]);
});

test('early firing with a key, HOP windows and the legacy GROUP BY TUMBLE syntax', async () => {
  const rows = [bid('08:01', '1.00', 'A'), bid('08:02', '2.00', 'B'), bid('08:06', '3.00', 'A'), bid('08:12', '4.00', 'A')];
  const engine = engineWithBids(rows, { config: EARLY });
  const keyed = await changelog(engine.query(`SELECT item, window_start, SUM(price) AS total
    FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY item, window_start, window_end`));
  assert.deepEqual(keyed, [
    '+I A 08:00 1.00', // the first watermark (08:00:59, after A) enters a new 5-minute period
    '-U A 08:00 1.00', // 08:05:59 (after A at 08:06) enters 08:05–08:10: keys in key order
    '+U A 08:00 4.00',
    '+I B 08:00 2.00',
    '+I A 08:10 4.00', // end of input: [08:00, 08:10) fires unchanged (nothing to emit), [08:10, 08:20) fires
  ]);
  const legacy = await engine.query(`SELECT TUMBLE_START(bidtime, INTERVAL '10' MINUTE) AS s, SUM(price) AS total FROM Bid
    GROUP BY TUMBLE(bidtime, INTERVAL '10' MINUTE)`).toArray();
  assert.deepEqual(rowStrings(legacy), ['2020-04-15 08:00:00.000,6.00', '2020-04-15 08:10:00.000,4.00']);
  const hop = await engine.query(`SELECT window_start, SUM(price) AS total
    FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`).toArray();
  assert.deepEqual(rowStrings(hop), [
    '2020-04-15 07:55:00.000,3.00', '2020-04-15 08:00:00.000,6.00', '2020-04-15 08:05:00.000,7.00', '2020-04-15 08:10:00.000,4.00',
  ]);
  assert.match(engine.explain(TUMBLE_SUM), /emit=\[early every 5 min of watermark progress, final when watermark >= window_end - 1 ms\]/);
});

test('early firing needs a delay', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS, { config: { 'table.exec.emit.early-fire.enabled': 'true' } });
  assert.throws(() => engine.query(TUMBLE_SUM), /'table\.exec\.emit\.early-fire\.delay' must be set/);
  await assert.rejects(engine.execute("SET 'table.exec.emit.early-fire.delay' = 'soon'"), /must be a duration/);
});
