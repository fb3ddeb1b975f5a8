/**
 * A GROUP BY over the window_start and window_end a window aggregation produced (renamed or not) is a window
 * aggregation over those same windows, as in Flink: append-only, one row per window and key, fired when the
 * watermark passes the window's end. Flink's answer for Nexmark q5's shape is test/conformance/hop-group-by-window-columns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bid, engineWithBids, rowStrings } from '../engine/helpers.js';

const BIDS = [
  bid('08:05', '4.00', 'C'), bid('08:07', '2.00', 'A'), bid('08:09', '5.00', 'D'), bid('08:11', '3.00', 'B'),
  bid('08:13', '1.00', 'E'), bid('08:17', '6.00', 'F'), bid('08:12', '2.50', 'A'), bid('08:21', '7.00', 'A'),
];

/** Items per 10-minute HOP window (every 5 minutes), then the busiest item's count and the total per window. */
const PER_WINDOW = `
SELECT starttime, endtime, MAX(n) AS busiest, SUM(n) AS total, COUNT(*) AS items
FROM (
  SELECT item, COUNT(*) AS n, window_start AS starttime, window_end AS endtime
  FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
  GROUP BY item, window_start, window_end
) WHERE n > 0
GROUP BY starttime, endtime`;

test('GROUP BY the windows of a window aggregation: append-only, one row per window', async () => {
  const engine = engineWithBids(BIDS);
  const result = engine.query(PER_WINDOW);
  assert.equal(result.updating, false);
  const changes: string[] = [];
  for await (const change of result) changes.push(change.op);
  assert.ok(changes.every((op) => op === '+I'));
  const rows = await engineWithBids(BIDS).query(PER_WINDOW).toArray();
  // A@08:12 arrives after 08:17 moved the watermark past [08:05, 08:15): it counts only in [08:10, 08:20).
  assert.deepEqual(rowStrings(rows), [
    '2020-04-15 08:00:00.000,2020-04-15 08:10:00.000,1,3,3',
    '2020-04-15 08:05:00.000,2020-04-15 08:15:00.000,1,5,5',
    '2020-04-15 08:10:00.000,2020-04-15 08:20:00.000,1,4,4',
    '2020-04-15 08:15:00.000,2020-04-15 08:25:00.000,1,2,2',
    '2020-04-15 08:20:00.000,2020-04-15 08:30:00.000,1,1,1',
  ]);
  await engine.close();
});

test('EXPLAIN shows the window attached to the input columns; other keys stay group keys', async () => {
  const engine = engineWithBids(BIDS);
  const plan = engine.explain(PER_WINDOW);
  assert.match(plan, /WindowAggregate\(groupBy=\[\], window=\[HOP\(win_start=\[starttime\], win_end=\[endtime\], slide=\[5 min\], size=\[10 min\]\)\]/);
  assert.match(plan, /AttachWindowAggregate/);
  const keyed = engine.explain(`SELECT ws, we, big, COUNT(*) FROM (
    SELECT window_start AS ws, window_end AS we, item, SUM(price) > 3 AS big
    FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY item, window_start, window_end
  ) GROUP BY big, ws, we`);
  assert.match(keyed, /WindowAggregate\(groupBy=\[big\], window=\[TUMBLE\(win_start=\[ws\], win_end=\[we\], size=\[10 min\]\)\]/);
  await engine.close();
});

test('without both window columns the aggregation stays an updating GROUP BY', async () => {
  const engine = engineWithBids(BIDS);
  const result = engine.query(`SELECT starttime, MAX(n) FROM (
    SELECT item, COUNT(*) AS n, window_start AS starttime
    FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY item, window_start, window_end
  ) GROUP BY starttime`);
  assert.equal(result.updating, true);
  await result.cancel();
  await engine.close();
});
