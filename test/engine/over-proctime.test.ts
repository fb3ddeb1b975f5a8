/**
 * OVER aggregations on processing time (ORDER BY a PROCTIME() attribute): each row is aggregated and emitted as it
 * arrives, in arrival order per partition — so ROWS frames and unbounded frames give the same rows at any batch size;
 * a bounded RANGE frame's window is measured on the wall clock.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/index.js';

const ROWS = [
  { item: 'a', price: 1 }, { item: 'b', price: 10 }, { item: 'a', price: 2 }, { item: 'a', price: 3 },
  { item: 'b', price: 20 }, { item: 'a', price: 4 }, { item: 'b', price: 30 },
];

async function engine(batchSize: string): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-over-proctime-'));
  writeFileSync(join(dir, 'bids.json'), ROWS.map((r) => JSON.stringify(r)).join('\n'));
  const e = new Engine({ printLine: () => {}, baseDirectory: dir, config: { 'sluice.batch-size': batchSize } });
  await e.execute("CREATE TABLE bids (item STRING, price INT, pt AS PROCTIME()) WITH ('connector' = 'filesystem', 'path' = 'bids.json', 'format' = 'json')");
  return e;
}

const OVER = (frame: string) => `SELECT item, price, SUM(price) OVER (PARTITION BY item ORDER BY pt ${frame}) AS s, COUNT(*) OVER (PARTITION BY item ORDER BY pt ${frame}) AS n FROM bids`;

test('ROWS frames and unbounded frames: running aggregates in arrival order, the same at batch sizes 1 and 1024', async () => {
  for (const batchSize of ['1', '1024']) {
    const e = await engine(batchSize);
    const rows = await e.query(OVER('ROWS BETWEEN 1 PRECEDING AND CURRENT ROW')).toArray();
    assert.deepEqual(rows.filter((r) => r['item'] === 'a').map((r) => [r['price'], r['s'], r['n']]), [[1, 1, 1n], [2, 3, 2n], [3, 5, 2n], [4, 7, 2n]], `batch size ${batchSize}`);
    const unbounded = await e.query(OVER('RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW')).toArray();
    assert.deepEqual(unbounded.filter((r) => r['item'] === 'b').map((r) => [r['price'], r['s']]), [[10, 10], [20, 30], [30, 60]], `batch size ${batchSize}`);
    await e.close();
  }
});

test('a bounded RANGE frame on processing time holds the rows that arrived within the interval', async () => {
  const e = await engine('1024');
  const rows = await e.query(OVER("RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW")).toArray();
  // All rows arrive within the hour, in one batch: each partition's rows are peers, with the partition's totals.
  for (const row of rows) assert.deepEqual([row['s'], row['n']], row['item'] === 'a' ? [10, 4n] : [60, 3n]);
  assert.match(e.explain(OVER("RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW")), /orderBy=\[pt ASC\], window=\[RANGE BETWEEN 1 h PRECEDING AND CURRENT ROW\].*emit=\[each row once, on arrival \(processing time\)\]/);
  await e.close();
});
