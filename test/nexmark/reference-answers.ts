/**
 * Answers computed directly from the fixture for queries RisingWave has no expected result for (q11, q23) and for
 * Flink's own q2 filter. Rows are whitespace-joined values in the query's column order, timestamps printed as
 * RisingWave does (`2015-07-15 00:00:01`, `…:02.001`).
 */
import type { RisingWaveDataset } from './risingwave-fixture.js';

/** `yyyy-MM-dd HH:mm:ss[.SSS]`, without a `.000` fraction. */
export function risingWaveTimestamp(millis: number): string {
  const iso = new Date(millis).toISOString();
  const fraction = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction === '000' ? '' : `.${fraction}`}`;
}

/** Flink's q2: `SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0`. */
export function q2FlinkAnswer(data: RisingWaveDataset): string[] {
  return data.bids.filter((b) => b.auction % 123 === 0).map((b) => `${b.auction} ${b.price}`);
}

const SESSION_GAP_MS = 10_000;

/**
 * q11: bids per bidder in event-time sessions with a 10 s gap. Each bid opens [t, t + gap); sessions merge when
 * their intervals intersect (Flink's TimeWindow.intersects includes touching ends).
 */
export function q11Answer(data: RisingWaveDataset): string[] {
  const byBidder = new Map<number, number[]>();
  for (const bid of data.bids) {
    const times = byBidder.get(bid.bidder) ?? [];
    times.push(bid.dateTime);
    byBidder.set(bid.bidder, times);
  }
  const rows: string[] = [];
  for (const [bidder, times] of byBidder) {
    times.sort((a, b) => a - b);
    let start = times[0]!;
    let end = start + SESSION_GAP_MS;
    let count = 0;
    for (const t of times) {
      if (t <= end) {
        end = Math.max(end, t + SESSION_GAP_MS);
        count++;
        continue;
      }
      rows.push(`${bidder} ${count} ${risingWaveTimestamp(start)} ${risingWaveTimestamp(end)}`);
      start = t;
      end = t + SESSION_GAP_MS;
      count = 1;
    }
    rows.push(`${bidder} ${count} ${risingWaveTimestamp(start)} ${risingWaveTimestamp(end)}`);
  }
  return rows;
}

/** q23: bid ⋈ person (P.id = B.bidder) ⋈ auction (A.seller = B.bidder), Flink's column order. */
export function q23Answer(data: RisingWaveDataset): string[] {
  const rows: string[] = [];
  for (const b of data.bids) {
    for (const p of data.persons.filter((person) => person.id === b.bidder)) {
      for (const a of data.auctions.filter((auction) => auction.seller === b.bidder)) {
        rows.push([
          b.bidder, b.price, b.channel, b.url, b.extra,
          p.id, p.name, p.emailAddress, p.creditCard, p.city, p.state, p.extra,
          a.itemName, a.description, a.initialBid, a.reserve, risingWaveTimestamp(a.dateTime), risingWaveTimestamp(a.expires),
          a.seller, a.category, a.extra,
        ].join(' '));
      }
    }
  }
  return rows;
}
