/**
 * Queryable state as SQL: `<sink>$state` is the live result of the running job writing into `<sink>` — its GROUP BY's
 * row per key, its Top-N's ranked rows — read from the operator's state, named as the sink names the columns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/index.js';

/** An in-process table fed by hand: push rows, then end it. */
class Feed implements AsyncIterable<object> {
  private readonly queue: object[] = [];
  private wake: (() => void) | undefined;
  private ended = false;

  push(...rows: object[]): void {
    this.queue.push(...rows);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<object> {
    for (;;) {
      while (this.queue.length > 0) yield this.queue.shift()!;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

async function setUp(sql: string, backend: 'memory' | 'sqlite' = 'memory'): Promise<{ engine: Engine; feed: Feed; done: () => Promise<unknown> }> {
  const engine = new Engine({ config: { 'sluice.batch-size': '1', 'state.backend': backend, 'state.dir': mkdtempSync(join(tmpdir(), 'sluice-state-table-')) } });
  const feed = new Feed();
  engine.registerTable('clicks', { columns: [{ name: 'user_name', type: 'STRING' }, { name: 'url', type: 'STRING' }, { name: 'ms', type: 'INT' }], rows: feed });
  await engine.execute(`CREATE TABLE counts (user_name STRING, clicks BIGINT, total_ms BIGINT) WITH ('connector' = 'blackhole');
    CREATE TABLE top_urls (user_name STRING, url STRING, ms INT, position BIGINT) WITH ('connector' = 'blackhole')`);
  const started = await engine.execute(sql);
  assert.equal(started.kind, 'job');
  return { engine, feed, done: () => (started.kind === 'job' ? started.job.done() : Promise.resolve()) };
}

async function rows(engine: Engine, sql: string): Promise<unknown[]> {
  return engine.query(sql).toArray();
}

/** Reads until the job has taken in `expected` rows (the feed is asynchronous). */
async function settled(engine: Engine, sql: string, expected: unknown[]): Promise<void> {
  let last: unknown[] = [];
  for (let i = 0; i < 100; i++) {
    last = await rows(engine, sql);
    if (JSON.stringify(last, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) === JSON.stringify(expected, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))) return;
    await sleep(20);
  }
  assert.deepEqual(last, expected);
}

for (const backend of ['memory', 'sqlite'] as const) {
test(`\`counts$state\` is the running GROUP BY (${backend} state): a row per key, with the sink's column names, as rows arrive`, async () => {
  const { engine, feed, done } = await setUp('INSERT INTO counts SELECT user_name, COUNT(*), SUM(ms) FROM clicks GROUP BY user_name', backend);
  try {
    const columns = await engine.execute('DESCRIBE `counts$state`');
    assert.deepEqual(columns.kind === 'table' ? columns.rows.map((r) => [r[0], r[1]]) : [], [['user_name', 'STRING'], ['clicks', 'BIGINT'], ['total_ms', 'INT']]);
    feed.push({ user_name: 'Mary', url: './home', ms: 10 }, { user_name: 'Bob', url: './cart', ms: 20 }, { user_name: 'Mary', url: './prod?id=1', ms: 5 });
    const query = 'SELECT * FROM `counts$state` ORDER BY user_name LIMIT 10';
    await settled(engine, query, [{ user_name: 'Bob', clicks: 1n, total_ms: 20 }, { user_name: 'Mary', clicks: 2n, total_ms: 15 }]);
    feed.push({ user_name: 'Liz', url: './home', ms: 1 }, { user_name: 'Bob', url: './home', ms: 2 });
    await settled(engine, query, [{ user_name: 'Bob', clicks: 2n, total_ms: 22 }, { user_name: 'Liz', clicks: 1n, total_ms: 1 }, { user_name: 'Mary', clicks: 2n, total_ms: 15 }]);
    assert.deepEqual(await rows(engine, 'SELECT user_name FROM `counts$state` WHERE clicks > 1 ORDER BY user_name LIMIT 10'), [{ user_name: 'Bob' }, { user_name: 'Mary' }]);
    feed.end();
    await done();
    await assert.rejects(rows(engine, 'SELECT * FROM `counts$state`'), /Unknown table 'counts\$state': no running job writes into 'counts' at 1:15/);
  } finally {
    feed.end();
    await engine.close();
  }
});
}

test('a Top-N job: `top_urls$state` holds the ranked rows of every partition', async () => {
  const { engine, feed } = await setUp(`INSERT INTO top_urls SELECT user_name, url, ms, rn FROM (
      SELECT *, ROW_NUMBER() OVER (PARTITION BY user_name ORDER BY ms DESC) AS rn FROM clicks) WHERE rn <= 2`);
  try {
    feed.push({ user_name: 'Mary', url: 'a', ms: 10 }, { user_name: 'Mary', url: 'b', ms: 30 }, { user_name: 'Mary', url: 'c', ms: 20 }, { user_name: 'Bob', url: 'd', ms: 5 });
    await settled(engine, 'SELECT user_name, url, position FROM `top_urls$state` ORDER BY user_name, position LIMIT 10', [
      { user_name: 'Bob', url: 'd', position: 1n },
      { user_name: 'Mary', url: 'b', position: 1n },
      { user_name: 'Mary', url: 'c', position: 2n },
    ]);
  } finally {
    feed.end();
    await engine.close();
  }
});

test('tables without a live result say why, at the SQL position', async () => {
  const { engine, feed } = await setUp("INSERT INTO counts SELECT user_name, CAST(ms AS BIGINT), CAST(ms AS BIGINT) FROM clicks WHERE url <> './home'");
  try {
    await assert.rejects(rows(engine, 'SELECT * FROM `counts$state`'), /Unknown table 'counts\$state': job 'insert-into_counts' has no operator that keeps its result rows in state \(a GROUP BY, a Top-N, a deduplication or an upsert source's normalization\) at 1:15/);
    await assert.rejects(rows(engine, 'SELECT * FROM `top_urls$state`'), /no running job writes into 'top_urls'/);
    await assert.rejects(rows(engine, 'SELECT * FROM `nowhere$state`'), /Unknown table 'nowhere\$state' at 1:15/);
  } finally {
    feed.end();
    await engine.close();
  }
});
