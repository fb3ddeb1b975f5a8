/**
 * Sub-plan reuse within one query ('table.optimizer.reuse-sub-plan-enabled', default true as in Flink): a table or
 * view read twice is scanned once, identical sub-plans run once and fan out, and the answer is the one the unshared
 * plan gives — including through checkpoints, where the shared scan's barriers reach the join by both paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type JobSummary } from '../../src/index.js';

/** Bids every 250 ms over a few minutes: prices repeat, so the max-price join (Nexmark q7's shape) matches often. */
function bidsFile(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-reuse-'));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const ts = new Date(Date.UTC(2026, 0, 1) + i * 250 + ((i * 7919) % 900)).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(JSON.stringify({ auction: i % 13, price: (i * 31) % 97, bidder: i % 7, ts }));
  }
  writeFileSync(join(dir, 'bids.jsonl'), lines.join('\n') + '\n');
  return dir;
}

const DDL = `
CREATE TABLE bids (auction BIGINT, price BIGINT, bidder BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
  WITH ('connector' = 'filesystem', 'path' = 'bids.jsonl', 'format' = 'json');
CREATE VIEW bid AS SELECT auction, price, bidder, ts FROM bids WHERE bidder <> 6;`;

/** Nexmark q7's shape: every bid joined with the highest price of the 10-second windows it falls in. */
const HIGHEST_BIDS = `
SELECT B.auction, B.price, B.bidder, B.ts FROM bid B
JOIN (
  SELECT MAX(price) AS maxprice, window_end AS ts
  FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) B1 ON B.price = B1.maxprice
WHERE B.ts BETWEEN B1.ts - INTERVAL '10' SECOND AND B1.ts`;

/** Nexmark q5's shape: the same HOP aggregation twice, joined with its own maximum. */
const HOT_ITEMS = `
SELECT A.auction, A.num FROM (
  SELECT auction, COUNT(*) AS num, window_start AS starttime, window_end AS endtime
  FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
  GROUP BY auction, window_start, window_end
) A JOIN (
  SELECT MAX(C.num) AS maxn, C.starttime, C.endtime FROM (
    SELECT COUNT(*) AS num, window_start AS starttime, window_end AS endtime
    FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
    GROUP BY auction, window_start, window_end
  ) C GROUP BY C.starttime, C.endtime
) M ON A.starttime = M.starttime AND A.endtime = M.endtime AND A.num >= M.maxn`;

/** The query's final rows (its changes applied; an updating join's changelog depends on how its inputs interleave). */
async function run(dir: string, sql: string, config: Record<string, string> = {}): Promise<{ rows: string[]; summary: JobSummary }> {
  const engine = new Engine({ baseDirectory: dir, config, printLine: () => {} });
  await engine.execute(DDL);
  const result = engine.query(sql);
  const rows = (await result.toArray()).map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)));
  const summary = await result.done();
  await engine.close();
  return { rows: rows.sort(), summary };
}

for (const [name, sql] of [['a view read twice (q7 shape)', HIGHEST_BIDS], ['an aggregation planned twice (q5 shape)', HOT_ITEMS]] as const) {
  test(`${name}: shared plan, same answer as the unshared one, the file read once`, async () => {
    const dir = bidsFile(2000);
    const shared = await run(dir, sql);
    const unshared = await run(dir, sql, { 'table.optimizer.reuse-sub-plan-enabled': 'false' });
    assert.ok(shared.rows.length > 20, `expected a real answer, got ${shared.rows.length} rows`);
    assert.deepEqual(shared.rows, unshared.rows);
    assert.equal(shared.summary.recordsIn, 2000);
    assert.equal(unshared.summary.recordsIn, 4000);
  });
}

test('checkpoints through a shared scan: barriers align at the join that both paths reach', async () => {
  const dir = bidsFile(3000);
  const reference = await run(dir, HIGHEST_BIDS);
  const engine = new Engine({ baseDirectory: dir, printLine: () => {}, config: {
    'execution.checkpointing.interval': '5 ms', 'sluice.batch-size': '16', 'pipeline.name': 'reuse-checkpoints', 'state.dir': join(dir, 'state'),
  } });
  await engine.execute(DDL);
  await engine.execute("CREATE TABLE highest (auction BIGINT, price BIGINT, bidder BIGINT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'highest', 'format' = 'json')");
  const result = await engine.execute(`INSERT INTO highest ${HIGHEST_BIDS}`);
  assert.equal(result.kind, 'job');
  if (result.kind !== 'job') return;
  const summary = await result.job.done();
  await engine.close();
  assert.equal(summary.status, 'finished');
  assert.ok((summary.checkpoints?.completed ?? 0) > 1, 'expected checkpoints to complete');
  const written = readdirSync(join(dir, 'highest')).filter((f) => !f.startsWith('.'))
    .flatMap((f) => readFileSync(join(dir, 'highest', f), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as { auction: number; price: number; bidder: number; ts: string });
  const expected = reference.rows.map((row) => JSON.parse(row) as Record<string, string>)
    // The JSON file has Flink's text of a TIMESTAMP (no trailing zeros in the fraction), the API `….SSS`.
    .map((row) => `${row['auction']},${row['price']},${row['bidder']},${row['ts']!.replace(/\.?0+$/, '')}`).sort();
  assert.deepEqual(written.map((row) => `${row.auction},${row.price},${row.bidder},${row.ts}`).sort(), expected);
});

test('EXPLAIN marks the shared sub-plan once and its other reader as Reused; the setting turns it off', async () => {
  const dir = bidsFile(1);
  const engine = new Engine({ baseDirectory: dir, printLine: () => {} });
  await engine.execute(DDL);
  const plan = engine.explain(HOT_ITEMS);
  assert.equal(plan.match(/TableSourceScan/g)?.length, 1);
  assert.equal(plan.match(/WindowAggregate\(groupBy=\[auction\]/g)?.length, 1);
  assert.match(plan, /WindowAggregate\(groupBy=\[auction\].*\(reuse_id=\[1\]\)/);
  assert.equal(plan.match(/Reused\(reference_id=\[1\]\)/g)?.length, 1);
  await engine.execute("SET 'table.optimizer.reuse-sub-plan-enabled' = 'false'");
  const unshared = engine.explain(HOT_ITEMS);
  assert.equal(unshared.match(/TableSourceScan/g)?.length, 2);
  assert.doesNotMatch(unshared, /Reused/);
  await engine.close();
});
