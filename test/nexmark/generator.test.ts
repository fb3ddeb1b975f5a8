/**
 * The Nexmark generator against its spec (../shared/reference/nexmark/GENERATOR.md): determinism, the 1:3:46 mix by
 * event id mod 50, id ranges and references, timestamps, hot-key skew, value distributions, and the JSON-lines shapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelId, channelTable, HOT_CHANNELS } from '../../bench/nexmark/channels.js';
import { DEFAULT_BASE_TIME, nexmarkConfig, NexmarkConfigError } from '../../bench/nexmark/config.js';
import { generateEvent, NexmarkGenerator } from '../../bench/nexmark/generator.js';
import { FLAT_FILE_NAMES, writeFlatJsonLines, writeKafkaJsonLines } from '../../bench/nexmark/json-files.js';
import { NexmarkJsonFormatter } from '../../bench/nexmark/json-lines.js';
import type { Auction, Bid, NexmarkEvent, Person } from '../../bench/nexmark/model.js';
import { CITIES, FIRST_NAMES, LAST_NAMES, STATES } from '../../bench/nexmark/person.js';
import { FLAT_COLUMNS } from '../../bench/nexmark/schemas.js';
import { parseTimestampText } from '../../bench/nexmark/timestamp-text.js';
import { FLINK_QUERIES, referenceAvailable } from './risingwave-fixture.js';

const N = 100_000;
const config = nexmarkConfig({ numEvents: N });
const events: readonly NexmarkEvent[] = [...new NexmarkGenerator(config).events()];
const persons = events.flatMap((e) => (e.kind === 'person' ? [e.person] : []));
const auctions = events.flatMap((e) => (e.kind === 'auction' ? [e.auction] : []));
const bids = events.flatMap((e) => (e.kind === 'bid' ? [e.bid] : []));

function fraction<T>(list: readonly T[], predicate: (item: T) => boolean): number {
  return list.filter(predicate).length / list.length;
}

function assertNear(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual.toFixed(4)}, expected ${expected} ± ${tolerance}`);
}

test('the same config gives the same events, generated in any order; another seed changes only the random fields', () => {
  const again = new NexmarkGenerator(nexmarkConfig({ numEvents: N }));
  for (const n of [99_999, 0, 12_345, 50, 7]) assert.deepEqual(again.event(n), events[n]);
  assert.deepEqual(generateEvent(config, 4242), events[4242]);
  const reseeded = new NexmarkGenerator(nexmarkConfig({ numEvents: N, seed: 7 }));
  let differentPrices = 0;
  for (let n = 0; n < 1000; n++) {
    const a = events[n]!;
    const b = reseeded.event(n);
    assert.equal(b.kind, a.kind);
    assert.equal(b.eventId, a.eventId);
    if (a.kind === 'bid' && b.kind === 'bid') {
      assert.equal(b.bid.dateTime, a.bid.dateTime);
      if (a.bid.price !== b.bid.price) differentPrices++;
    }
  }
  assert.ok(differentPrices > 800, `seed 7 changes the prices (${differentPrices} of ~920 differ)`);
});

test('the event type is decided by the event id mod 50: 1 person, 3 auctions, 46 bids per 50 ids, starting at id 2', () => {
  assert.equal(events[0]!.eventId, 2, 'Flink starts at firstEventId + firstEventNumber = 2');
  for (let n = 0; n < events.length; n++) {
    const event = events[n]!;
    assert.equal(event.eventId, n + 2);
    const rem = event.eventId % 50;
    assert.equal(event.kind, rem === 0 ? 'person' : rem < 4 ? 'auction' : 'bid', `event id ${event.eventId}`);
  }
  // Ids 2 … 100,001: person slots 50, 100, …, 100,000; auction slots 2, 3, 51–53, …, 100,001.
  assert.equal(persons.length, 2000);
  assert.equal(auctions.length, 6000);
  assert.equal(bids.length, N - 2000 - 6000);
});

test('people and auctions get consecutive ids from the event id; person 1000 and auction 1000 are never generated', () => {
  persons.forEach((p, i) => assert.equal(p.id, 1001 + i));
  auctions.forEach((a, i) => assert.equal(a.id, 1001 + i));
});

test('bids and auctions refer to recent or hot people and auctions, as the spec windows them', () => {
  const lastPerson = (eventId: number): number => Math.floor(eventId / 50) + 1000;
  const lastAuction = (eventId: number): number => {
    const epoch = Math.floor(eventId / 50);
    const off = eventId % 50;
    return 1000 + (off < 1 ? (epoch - 1) * 3 + 2 : off >= 4 ? epoch * 3 + 2 : epoch * 3 + off - 1);
  };
  // Random people: the last 1,000 created (numPeople − active) up to 10 not created yet.
  const recentPeopleStart = (newest: number): number => {
    const numPeople = newest - 1000 + 1;
    return numPeople - Math.min(numPeople, 1000) + 1000;
  };
  let future = 0;
  for (const event of events) {
    const people = lastPerson(event.eventId);
    if (event.kind === 'bid') {
      const { auction, bidder } = event.bid;
      const newest = lastAuction(event.eventId);
      const hot = Math.floor((newest - 1000) / 100) * 100 + 1000;
      assert.ok(auction === hot || (auction >= Math.max(newest - 100, 1000) && auction <= newest + 10), `auction ${auction} near ${newest}`);
      const hotBidder = Math.floor((people - 1000) / 100) * 100 + 1001;
      const lowest = recentPeopleStart(people);
      assert.ok(bidder === hotBidder || (bidder >= lowest && bidder <= people + 10), `bidder ${bidder} near ${people}`);
      if (auction > newest || bidder > people) future++;
    } else if (event.kind === 'auction') {
      const { seller } = event.auction;
      const hotSeller = Math.floor((people - 1000) / 100) * 100 + 1000;
      assert.ok(seller === hotSeller || (seller >= recentPeopleStart(people) && seller <= people + 10));
    }
  }
  // Only the "lead" ids point at entities not created yet: a few percent of bids.
  assert.ok(future / bids.length < 0.06, `references to future ids: ${(future / bids.length).toFixed(3)}`);
});

test('Flink\'s doubled bidder offset (+2000) is available as an option', () => {
  const flink = new NexmarkGenerator(nexmarkConfig({ numEvents: N, flinkBidderOffset: true }));
  for (const n of [4, 5, 1010, 54_321]) {
    const ours = events[n]!;
    const theirs = flink.event(n);
    assert.ok(ours.kind === 'bid' && theirs.kind === 'bid');
    assert.equal(theirs.bid.bidder, ours.bid.bidder + 1000);
  }
});

test('event time: base + floor((1 + c) × 100 µs) at 10,000 events/s, shared by every generator', () => {
  events.forEach((e, n) => {
    const time = e.kind === 'person' ? e.person.dateTime : e.kind === 'auction' ? e.auction.dateTime : e.bid.dateTime;
    assert.equal(time, DEFAULT_BASE_TIME + Math.floor((n + 1) / 10), `event ${n}`);
  });
  // Two generators: interleaved, each with half the rate; disjoint id blocks; the stream stays in time order.
  const two = new NexmarkGenerator(nexmarkConfig({ numEvents: 1000, numEventGenerators: 2 }));
  const stream = [...two.events()];
  const times = stream.map((e) => (e.kind === 'person' ? e.person.dateTime : e.kind === 'auction' ? e.auction.dateTime : e.bid.dateTime));
  for (let n = 0; n < stream.length; n++) {
    assert.equal(times[n], DEFAULT_BASE_TIME + Math.floor(((Math.floor(n / 2) + 1) * 200) / 1000));
    assert.equal(stream[n]!.eventId, 1 + (n % 2) * 500 + 1 + Math.floor(n / 2));
  }
  // Auctions last up to twice the time 1,666 events take (~167 ms at 10k/s).
  for (const a of auctions) assert.ok(a.expires > a.dateTime && a.expires <= a.dateTime + 2 * 167, `${a.dateTime} → ${a.expires}`);
  assertNear(auctions.reduce((s, a) => s + a.expires - a.dateTime, 0) / auctions.length, 167, 10, 'mean auction length (ms)');
});

test('hot keys: half the bids go to the hot auction, 3/4 are by the hot bidder, 3/4 of auctions by the hot seller', () => {
  const hotAuction = (b: Bid): boolean => (b.auction - 1000) % 100 === 0;
  const hotBidder = (b: Bid): boolean => (b.bidder - 1000) % 100 === 1;
  const hotSeller = (a: Auction): boolean => (a.seller - 1000) % 100 === 0;
  // A random pick lands on a "hot-looking" id about 1% of the time; the hot choice itself makes the rest.
  assertNear(fraction(bids, hotAuction), 0.5 + 0.5 / 100, 0.02, 'bids on the hot auction');
  assertNear(fraction(bids, hotBidder), 0.75 + 0.25 / 100, 0.02, 'bids by the hot bidder');
  assertNear(fraction(auctions, hotSeller), 0.75 + 0.25 / 100, 0.03, 'auctions by the hot seller');
  const perAuction = new Map<number, number>();
  for (const b of bids) perAuction.set(b.auction, (perAuction.get(b.auction) ?? 0) + 1);
  const counts = [...perAuction.values()].sort((x, y) => y - x);
  assert.ok(counts[0]! > 50 * counts[Math.floor(counts.length / 2)]!, `top auction ${counts[0]} vs median ${counts[Math.floor(counts.length / 2)]}`);
});

test('prices are log-uniform on [$1, $1M): a third below $100, a third below $10,000, a third above', () => {
  for (const price of [...bids.map((b) => b.price), ...auctions.map((a) => a.initialBid)]) {
    assert.ok(Number.isInteger(price) && price >= 100 && price <= 100_000_000, String(price));
  }
  assertNear(fraction(bids, (b) => b.price < 10_000), 1 / 3, 0.02, 'rank 1');
  assertNear(fraction(bids, (b) => b.price >= 10_000 && b.price < 1_000_000), 1 / 3, 0.02, 'rank 2');
  for (const a of auctions) assert.ok(a.reserve > a.initialBid);
});

test('strings: names, e-mails, credit cards, cities, states, categories and padding as specified', () => {
  const names = new Set(FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => `${f} ${l}`)));
  for (const p of persons as Person[]) {
    assert.ok(names.has(p.name), p.name);
    // Each part is 3–6 (then 3–4) characters, a space 1 time in 13, trimmed: it may even be empty.
    assert.match(p.emailAddress, /^([a-z]([a-z ]*[a-z])?)?@([a-z]([a-z ]*[a-z])?)?\.com$/);
    assert.match(p.creditCard, /^\d{4} \d{4} \d{4} \d{4}$/);
    assert.ok((CITIES as readonly string[]).includes(p.city) && (STATES as readonly string[]).includes(p.state));
    assert.match(p.extra, /^[a-z]*$/);
  }
  const personSize = persons.reduce((s, p) => s + 8 + p.name.length + p.emailAddress.length + p.creditCard.length
    + p.city.length + p.state.length + p.extra.length, 0) / persons.length;
  assertNear(personSize, 200, 5, 'mean person size');
  for (const a of auctions) {
    assert.ok(a.category >= 10 && a.category <= 14);
    assert.ok(a.itemName.length <= 19 && a.description.length <= 99 && a.itemName === a.itemName.trim());
  }
  assertNear(fraction(auctions, (a) => a.category === 10), 0.2, 0.02, 'category 10');
  for (const b of bids) assert.ok(b.extra.length >= 54 && b.extra.length <= 81, `bid extra ${b.extra.length}`);
});

test('channels: half the bids on the 4 hot channels; numbered URLs carry channel_id = abs(Integer.reverse(i)) 9 times in 10', () => {
  const table = channelTable(config.seed);
  assertNear(fraction(bids, (b) => (HOT_CHANNELS as readonly string[]).includes(b.channel)), 0.5, 0.02, 'hot channels');
  for (const b of bids) {
    assert.match(b.url, /^https:\/\/www\.nexmark\.com\/[a-z_]{3,4}\/[a-z_]{3,4}\/[a-z_]{3,4}\/item\.htm\?query=1(&channel_id=-?\d+)?$/);
    const hot = HOT_CHANNELS.indexOf(b.channel as (typeof HOT_CHANNELS)[number]);
    if (hot >= 0) assert.equal(b.url, table.hotUrls[hot]);
    else assert.equal(b.url, table.urls[Number(b.channel.slice('channel-'.length))]);
  }
  const withId = table.urls.filter((u) => u.includes('&channel_id='));
  assertNear(withId.length / table.urls.length, 0.9, 0.02, 'numbered URLs with a channel_id');
  table.urls.forEach((u, i) => { if (u.includes('&channel_id=')) assert.ok(u.endsWith(`&channel_id=${channelId(i)}`)); });
  // Values from RisingWave's fixture, which a Flink-model generator produced.
  assert.deepEqual([2691, 7568, 5136, 5311].map(channelId), [1051721728, 163053568, 136839168, 47710208]);
  assert.equal(channelId(1), -2147483648, 'Java Math.abs(Integer.MIN_VALUE) stays negative');
});

/** ROW field names of Flink's `kafka` table, read from ddl_kafka.sql. */
function kafkaRowFields(): Record<'person' | 'auction' | 'bid', string[]> {
  const ddl = readFileSync(join(FLINK_QUERIES, 'ddl_kafka.sql'), 'utf8');
  const fields = (row: string): string[] => {
    const body = new RegExp(`${row} ROW<([^>]*)>`).exec(ddl)![1]!;
    return body.split(',').map((f) => f.trim().split(/\s+/)[0]!.replaceAll('`', ''));
  };
  return { person: fields('person'), auction: fields('auction'), bid: fields('bid') };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

test('JSON lines in the shape of Flink\'s kafka table: event_type, one ROW set, the DDL\'s field names, SQL timestamps', {
  skip: referenceAvailable() ? false : 'flink-queries/ddl_kafka.sql is not there',
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexmark-json-'));
  try {
    const sample = events.slice(0, 2000);
    const report = writeKafkaJsonLines(sample, join(dir, 'nexmark.jsonl'));
    const lines = readFileSync(join(dir, 'nexmark.jsonl'), 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'newline-terminated');
    assert.equal(lines.length, sample.length);
    assert.equal(report.bytes, Buffer.byteLength(lines.join('\n')) + 1);
    const rows = kafkaRowFields();
    lines.forEach((line, i) => {
      const object = JSON.parse(line) as Record<string, unknown>;
      const event = sample[i]!;
      assert.deepEqual(Object.keys(object), ['event_type', 'person', 'auction', 'bid']);
      assert.equal(object.event_type, { person: 0, auction: 1, bid: 2 }[event.kind]);
      for (const kind of ['person', 'auction', 'bid'] as const) {
        if (kind !== event.kind) { assert.equal(object[kind], null); continue; }
        const row = object[kind] as Record<string, unknown>;
        assert.deepEqual(Object.keys(row), rows[kind]);
        const entity = (event as unknown as Record<string, Record<string, unknown>>)[kind]!;
        for (const [key, value] of Object.entries(row)) {
          if (key === 'dateTime' || key === 'expires') {
            assert.match(String(value), TIMESTAMP);
            assert.equal(parseTimestampText(String(value)), entity[key]);
          } else assert.equal(value, entity[key]);
        }
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('flat JSON lines: person, auction and bid files with the views\' columns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexmark-flat-'));
  try {
    const sample = events.slice(0, 5000);
    const report = writeFlatJsonLines(sample, dir);
    assert.deepEqual([report.persons, report.auctions, report.bids], [
      sample.filter((e) => e.kind === 'person').length,
      sample.filter((e) => e.kind === 'auction').length,
      sample.filter((e) => e.kind === 'bid').length,
    ]);
    for (const table of ['person', 'auction', 'bid'] as const) {
      const lines = readFileSync(join(dir, FLAT_FILE_NAMES[table]), 'utf8').trimEnd().split('\n');
      const entities = sample.flatMap((e) => (e.kind === table ? [(e as unknown as Record<string, Record<string, unknown>>)[table]!] : []));
      assert.equal(lines.length, entities.length);
      lines.forEach((line, i) => {
        const row = JSON.parse(line) as Record<string, unknown>;
        assert.deepEqual(Object.keys(row), FLAT_COLUMNS[table].map((c) => c.name));
        assert.equal(parseTimestampText(String(row.dateTime)), entities[i]!.dateTime);
        assert.equal(JSON.stringify({ ...row, dateTime: 0, ...(row.expires ? { expires: 0 } : {}) }),
          JSON.stringify({ ...entities[i], dateTime: 0, ...(row.expires ? { expires: 0 } : {}) }));
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('JSON text escapes quotes, backslashes and control characters; other text is written as is', () => {
  const person: Person = {
    id: 1, name: 'a "quoted" \\ name\n', emailAddress: 'é@x.com', creditCard: '', city: 'Zürich', state: '\u0001', dateTime: 0, extra: '',
  };
  const line = new NexmarkJsonFormatter().kafkaEvent({ kind: 'person', eventId: 0, person });
  const parsed = JSON.parse(line) as { person: Record<string, unknown> };
  assert.deepEqual(parsed.person, { ...person, dateTime: '1970-01-01 00:00:00.000' });
  assert.ok(line.includes('"Zürich"'));
});

test('bad configurations are refused with a typed error', () => {
  assert.throws(() => nexmarkConfig({ firstEventRate: 0 }), NexmarkConfigError);
  assert.throws(() => nexmarkConfig({ numEventGenerators: 1.5 }), NexmarkConfigError);
  assert.throws(() => [...new NexmarkGenerator(nexmarkConfig()).events()], /unbounded stream/);
  assert.throws(() => generateEvent(config, -1), NexmarkConfigError);
});
