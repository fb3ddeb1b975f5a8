/** Flink's legacy group-window syntax (GROUP BY TUMBLE(ts, …) with TUMBLE_START/_END/_ROWTIME), on the window TVFs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlanError } from '../../src/index.js';
import { DOCUMENTED_BIDS, engineWithBids, rowStrings } from './helpers.js';

test('GROUP BY TUMBLE(...) gives the same answer as the TUMBLE TVF', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const legacy = await engine.query(`SELECT TUMBLE_START(bidtime, INTERVAL '10' MINUTE) AS ws, TUMBLE_END(bidtime, INTERVAL '10' MINUTE) AS we, SUM(price) AS total
    FROM Bid GROUP BY TUMBLE(bidtime, INTERVAL '10' MINUTE)`).toArray();
  assert.deepEqual(rowStrings(legacy), ['2020-04-15 08:00:00.000,2020-04-15 08:10:00.000,11.00', '2020-04-15 08:10:00.000,2020-04-15 08:20:00.000,10.00']);
});

test('GROUP BY HOP(ts, slide, size), a key and a WHERE clause', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  const rows = await engine.query(`SELECT item, HOP_START(bidtime, INTERVAL '5' MINUTE, INTERVAL '10' MINUTE) AS ws, COUNT(*) AS n
    FROM Bid WHERE price > 2 GROUP BY HOP(bidtime, INTERVAL '5' MINUTE, INTERVAL '10' MINUTE), item`).toArray();
  assert.deepEqual(rowStrings(rows), [
    'B,2020-04-15 08:05:00.000,1', 'B,2020-04-15 08:10:00.000,1',
    'C,2020-04-15 08:00:00.000,1', 'C,2020-04-15 08:05:00.000,1',
    'D,2020-04-15 08:00:00.000,1', 'D,2020-04-15 08:05:00.000,1',
    'F,2020-04-15 08:10:00.000,1', 'F,2020-04-15 08:15:00.000,1',
  ]);
});

test('TUMBLE_ROWTIME is a time attribute: legacy windows cascade', async () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  await engine.execute(`CREATE VIEW per5 AS SELECT TUMBLE_ROWTIME(bidtime, INTERVAL '5' MINUTE) AS rt, COUNT(*) AS n
    FROM Bid GROUP BY TUMBLE(bidtime, INTERVAL '5' MINUTE)`);
  const rows = await engine.query(`SELECT TUMBLE_START(rt, INTERVAL '1' HOUR) AS ws, SUM(n) AS total FROM per5 GROUP BY TUMBLE(rt, INTERVAL '1' HOUR)`).toArray();
  assert.deepEqual(rows, [{ ws: '2020-04-15 08:00:00.000', total: 6n }]);
});

test('an auxiliary function must repeat the GROUP BY window', () => {
  const engine = engineWithBids(DOCUMENTED_BIDS);
  assert.throws(
    () => engine.explain(`SELECT TUMBLE_START(bidtime, INTERVAL '5' MINUTE) FROM Bid GROUP BY TUMBLE(bidtime, INTERVAL '10' MINUTE)`),
    (error: unknown) => error instanceof PlanError && /must repeat the GROUP BY window TUMBLE/.test(error.message) && /at 1:8/.test(error.message),
  );
});
