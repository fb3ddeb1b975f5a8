/** SHOW WATERMARKS / engine.watermarks(): why hasn't my window fired? Checked on a running unbounded job. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine } from '../../src/index.js';
import type { WatermarkReport } from '../../src/session/api-types.js';
import { BID_COLUMNS, bid, TUMBLE_SUM, type Bid } from './helpers.js';

/** An endless async iterable of bids that the test feeds by hand. */
class BidFeed implements AsyncIterable<Bid> {
  private readonly queue: Bid[] = [];
  private wake: (() => void) | undefined;

  push(...bids: Bid[]): void {
    this.queue.push(...bids);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Bid> {
    for (;;) {
      const next = this.queue.shift();
      if (next) yield next;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(5);
  }
}

test('SHOW WATERMARKS shows each source watermark and the oldest open window with the event time it still needs', async () => {
  const feed = new BidFeed();
  const engine = new Engine({ printLine: () => {} });
  engine.registerTable('Bid', { columns: BID_COLUMNS, rows: feed, watermark: { column: 'bidtime', expression: "bidtime - INTERVAL '1' SECOND" } });
  const result = engine.query(TUMBLE_SUM);
  const report = (): WatermarkReport | undefined => engine.watermarks()[0];

  feed.push(bid('08:05', '4.00', 'C'), bid('08:07', '2.00', 'A'));
  await until(() => report()?.windows[0]?.watermark === '2020-04-15 08:06:59.000', 'the window operator to see 08:06:59');
  assert.equal(report()?.status, 'running');
  assert.deepEqual(report()?.sources, [
    { table: 'Bid', split: 0, watermark: '2020-04-15 08:06:59.000', maxEventTime: '2020-04-15 08:07:00.000', records: 2, idle: false },
  ]);
  const [window] = report()!.windows;
  assert.match(window!.operator, /^WindowAggregate#\d+$/);
  assert.equal(window!.openWindows, 1);
  assert.deepEqual(window!.oldestOpenWindow, { start: '2020-04-15 08:00:00.000', end: '2020-04-15 08:10:00.000' });
  assert.equal(window!.remainingMs, 3 * 60_000 + 999); // 08:09:59.999 − 08:06:59

  const shown = await engine.execute('SHOW WATERMARKS');
  assert.equal(shown.kind, 'table');
  if (shown.kind !== 'table') return;
  assert.deepEqual(shown.columns, ['job', 'status', 'operator', 'split', 'watermark', 'max_event_time', 'idle', 'open_windows', 'oldest_open_window', 'fires_after']);
  assert.deepEqual(shown.rows[0], ['collect', 'running', 'source Bid', 0, '2020-04-15 08:06:59.000', '2020-04-15 08:07:00.000', false, null, null, null]);
  assert.deepEqual(shown.rows[1], [
    'collect', 'running', window!.operator, null, '2020-04-15 08:06:59.000', null, null, 1,
    '[2020-04-15 08:00:00.000, 2020-04-15 08:10:00.000)', '3 min 0.999 s more event time',
  ]);
  const jobs = await engine.execute('SHOW JOBS');
  assert.equal(jobs.kind, 'table');
  assert.deepEqual(jobs.kind === 'table' ? jobs.columns : [], ['job id', 'job name', 'status', 'start time'], "Flink's columns");
  const [jobRow] = jobs.kind === 'table' ? jobs.rows : [];
  assert.match(String(jobRow?.[0]), /^[0-9a-f]{32}$/);
  assert.deepEqual(jobRow?.slice(1, 3), ['collect', 'running']);
  assert.match(String(jobRow?.[3]), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);

  // 08:11 moves the watermark past 08:09:59.999: the first window fires, the next one is the oldest open.
  feed.push(bid('08:11', '3.00', 'B'), bid('08:13', '1.00', 'E'));
  const changes: string[] = [];
  for await (const change of result) {
    changes.push(`${change.op} ${change.row['total']}`);
    break;
  }
  assert.deepEqual(changes, ['+I 6.00']);
  await until(() => report()?.windows[0]?.watermark === '2020-04-15 08:12:59.000', 'the watermark 08:12:59');
  assert.deepEqual(report()?.windows[0]?.oldestOpenWindow, { start: '2020-04-15 08:10:00.000', end: '2020-04-15 08:20:00.000' });
  assert.equal(report()?.windows[0]?.remainingMs, 7 * 60_000 + 999);
  await result.cancel();
  assert.equal(report()?.status, 'cancelled');
  await engine.close();
});

test('SHOW WATERMARKS with no job lists nothing', async () => {
  const engine = new Engine({ printLine: () => {} });
  assert.deepEqual(engine.watermarks(), []);
  const shown = await engine.execute('SHOW WATERMARKS');
  assert.equal(shown.kind === 'table' ? shown.rows.length : -1, 0);
});

test('SHOW WATERMARKS shows the open sessions of a SESSION window aggregation and the one that fires first', async () => {
  const feed = new BidFeed();
  const engine = new Engine({ printLine: () => {} });
  engine.registerTable('Bid', { columns: BID_COLUMNS, rows: feed, watermark: { column: 'bidtime', expression: "bidtime - INTERVAL '1' SECOND" } });
  const result = engine.query(`SELECT item, window_start, window_end, SUM(price) AS total
    FROM TABLE(SESSION(TABLE Bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)) GROUP BY item, window_start, window_end`);
  const report = (): WatermarkReport | undefined => engine.watermarks()[0];

  feed.push(bid('08:05', '4.00', 'C'), bid('08:07', '2.00', 'A'), bid('08:08', '1.00', 'C'));
  await until(() => report()?.windows[0]?.watermark === '2020-04-15 08:07:59.000', 'the session operator to see 08:07:59');
  const [window] = report()!.windows;
  assert.equal(window!.openWindows, 2, 'C [08:05, 08:13) and A [08:07, 08:12)');
  assert.deepEqual(window!.oldestOpenWindow, { start: '2020-04-15 08:07:00.000', end: '2020-04-15 08:12:00.000' });
  assert.equal(window!.remainingMs, 4 * 60_000 + 999); // 08:11:59.999 − 08:07:59
  await result.cancel();
});
