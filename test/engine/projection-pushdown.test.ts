/**
 * Projection push-down into a JSON file source: the source decodes only the columns and ROW fields the job reads
 * (EXPLAIN shows `read=[…]`), the answer is the one every field decoded would give, and — as in Flink — a value of
 * the wrong type in a field nobody reads is not an error, while malformed JSON still is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/index.js';

const DDL = `CREATE TABLE events (
  event_type INT,
  person ROW<id BIGINT, name STRING, \`dateTime\` TIMESTAMP(3)>,
  bid ROW<auction BIGINT, price BIGINT, url STRING, \`dateTime\` TIMESTAMP(3)>,
  \`dateTime\` AS CASE WHEN event_type = 0 THEN person.\`dateTime\` ELSE bid.\`dateTime\` END,
  WATERMARK FOR \`dateTime\` AS \`dateTime\` - INTERVAL '4' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');
CREATE VIEW bids AS SELECT bid.auction, bid.price, bid.url, \`dateTime\` FROM events WHERE event_type = 2;`;

const person = (id: number, second: number, name: unknown = `p${id}`) =>
  JSON.stringify({ event_type: 0, person: { id, name, dateTime: `2026-01-01 00:00:${String(second).padStart(2, '0')}` }, bid: null });
const bid = (auction: number, price: unknown, second: number, url: unknown = `https://x/${auction}`) =>
  JSON.stringify({ event_type: 2, person: null, bid: { auction, price, url, dateTime: `2026-01-01 00:00:${String(second).padStart(2, '0')}` } });

function dataDir(lines: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-projection-'));
  writeFileSync(join(dir, 'events.jsonl'), lines.join('\n') + '\n');
  return dir;
}

async function rows(dir: string, sql: string): Promise<string[]> {
  const engine = new Engine({ baseDirectory: dir, printLine: () => {} });
  try {
    await engine.execute(DDL);
    const result = engine.query(sql);
    const out = (await result.toArray()).map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)));
    await result.done();
    return out;
  } finally {
    await engine.close();
  }
}

test('EXPLAIN shows the columns and nested fields the source reads', async () => {
  const engine = new Engine({ baseDirectory: dataDir([]) });
  await engine.execute(DDL);
  const plan = engine.explain('SELECT auction, price FROM bids WHERE MOD(auction, 2) = 0');
  assert.match(plan, /TableSourceScan\(table=\[events\], connector=\[filesystem\], fields=\[event_type, person, bid\], read=\[event_type, person\.dateTime, bid\.auction, bid\.price, bid\.dateTime\]/);
  // Everything read: no `read=[…]`.
  assert.doesNotMatch(engine.explain('SELECT * FROM events'), /read=/);
  await engine.close();
});

test('a statement set sharing the scan reads what all its INSERTs read', async () => {
  const engine = new Engine({ baseDirectory: dataDir([]) });
  await engine.execute(DDL);
  await engine.execute("CREATE TABLE a (auction BIGINT) WITH ('connector' = 'blackhole')");
  await engine.execute("CREATE TABLE b (name STRING) WITH ('connector' = 'blackhole')");
  const plan = engine.explain('EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT auction FROM bids; INSERT INTO b SELECT person.name FROM events; END');
  assert.match(plan, /read=\[event_type, person\.name, person\.dateTime, bid\.auction, bid\.dateTime\]/);
  assert.equal(plan.match(/TableSourceScan/g)?.length, 1);
  await engine.close();
});

test('the pruned scan gives the rows a full decode gives', async () => {
  const dir = dataDir([person(1, 1), bid(10, 100, 2), bid(11, 7, 3), person(2, 4), bid(12, 50, 5)]);
  assert.deepEqual(await rows(dir, 'SELECT auction, price FROM bids WHERE price > 10'), ['{"auction":"10","price":"100"}', '{"auction":"12","price":"50"}']);
  assert.deepEqual(await rows(dir, 'SELECT person.name, `dateTime` FROM events WHERE event_type = 0'), [
    '{"name":"p1","dateTime":"2026-01-01 00:00:01.000"}', '{"name":"p2","dateTime":"2026-01-01 00:00:04.000"}',
  ]);
});

test('a wrong type in an unread field is not an error; reading it is; malformed JSON always is', async () => {
  const dir = dataDir([bid(10, 'not a number', 2), person(1, 3, { not: 'a name' })]);
  assert.deepEqual(await rows(dir, 'SELECT auction, url FROM bids'), ['{"auction":"10","url":"https://x/10"}']);
  await assert.rejects(rows(dir, 'SELECT price FROM bids'), /price/);
  const broken = dataDir([bid(10, 100, 2), '{"event_type": 2, "bid": {"auction": 1, "url": "x}']);
  await assert.rejects(rows(broken, 'SELECT auction FROM bids'), /events\.jsonl:2/);
});
