/**
 * A tiny hand-written Nexmark input in the shape of the Flink `kafka` table (one JSON object per line, exactly one of
 * person/auction/bid set, timestamps as 'yyyy-MM-dd HH:mm:ss.SSS'), about 24 s of event time in order, chosen so that
 * every checked query has rows: q2 has bids on auctions 1107 and 1230 (multiples of 123), q7 one top bid per 10 s
 * window, q8 sellers who registered in the same 10 s window. The expected row counts of q0, q1, q2, q7 and q8 are
 * worked out here from the same values, independently of any engine.
 */
const BASE_MS = Date.UTC(2015, 6, 15, 0, 0, 0);
const WINDOW_MS = 10_000;

/** [id, name, city, state, seconds after the base time] */
const PEOPLE: readonly (readonly [number, string, string, string, number])[] = [
  [1001, 'Peter Shultz', 'Phoenix', 'AZ', 0.0],
  [1002, 'Kate Abrams', 'Boise', 'ID', 8.0],
  [1003, 'Sarah Smith', 'Seattle', 'WA', 12.5],
  [1004, 'John White', 'Bend', 'OR', 21.0],
];

/** [id, seller, category, seconds, length in seconds] */
const AUCTIONS: readonly (readonly [number, number, number, number, number])[] = [
  [1107, 1001, 10, 0.5, 3],
  [1108, 1001, 11, 1.0, 2],
  [1109, 1002, 12, 11.0, 4], // person 1002 registered in the window before: no q8 row
  [1110, 1003, 13, 13.0, 1],
  [1111, 1099, 14, 14.0, 2], // a seller who never registered
  [1230, 1003, 10, 15.5, 5],
  [1231, 1004, 11, 22.5, 1],
];

/** [auction, bidder, price in cents, channel, seconds] */
const BIDS: readonly (readonly [number, number, number, string, number])[] = [
  [1107, 2001, 1_250, 'Google', 1.5], [1107, 2002, 2_400, 'Apple', 2.0], [1108, 2001, 990, 'channel-17', 2.5],
  [1107, 2003, 18_000, 'Baidu', 3.0], [1108, 2002, 5_500, 'Google', 3.5], [1107, 2001, 7_300, 'Facebook', 4.0],
  [1108, 2004, 120, 'channel-42', 4.5], [1107, 2002, 64_000, 'Google', 5.0], [1108, 2003, 300, 'Apple', 5.5],
  [1107, 2001, 2_000, 'Google', 6.0], [1108, 2002, 44_000, 'Baidu', 6.5], [1107, 2004, 8_100, 'channel-9', 7.0],
  [1108, 2001, 150, 'Google', 7.5], [1107, 2003, 1_000, 'Facebook', 8.5], [1108, 2002, 2_500, 'Google', 9.0],
  [1107, 2001, 310, 'Apple', 9.5],
  [1109, 2002, 4_000, 'Google', 11.5], [1109, 2003, 12_000, 'Baidu', 12.0], [1110, 2001, 700, 'Google', 13.5],
  [1109, 2004, 91_000, 'channel-3', 14.5], [1110, 2002, 3_300, 'Facebook', 15.0], [1230, 2001, 5_000, 'Google', 16.0],
  [1230, 2003, 250, 'Apple', 16.5], [1109, 2001, 47_000, 'Google', 17.0], [1230, 2002, 8_800, 'Baidu', 17.5],
  [1111, 2004, 600, 'channel-77', 18.0], [1230, 2001, 19_500, 'Google', 18.5], [1109, 2003, 2_200, 'Facebook', 19.0],
  [1230, 2002, 75_000, 'Google', 19.5],
  [1231, 2001, 3_100, 'Google', 23.0], [1231, 2004, 5_600, 'Apple', 23.5], [1230, 2003, 1_400, 'Baidu', 24.0],
];

function timestamp(seconds: number): string {
  // Date#toISOString: 2015-07-15T00:00:01.500Z → 2015-07-15 00:00:01.500
  return new Date(BASE_MS + Math.round(seconds * 1000)).toISOString().replace('T', ' ').replace('Z', '');
}

interface TimedLine {
  readonly seconds: number;
  readonly line: string;
}

/** The sample as JSON lines, in event-time order. */
export function sampleEventLines(): string[] {
  const lines: TimedLine[] = [];
  for (const [id, name, city, state, seconds] of PEOPLE) {
    const person = { id, name, emailAddress: `${name.split(' ')[0]!.toLowerCase()}@example.com`, creditCard: '1234 5678 9012 3456',
      city, state, dateTime: timestamp(seconds), extra: '' };
    lines.push({ seconds, line: JSON.stringify({ event_type: 0, person, auction: null, bid: null }) });
  }
  for (const [id, seller, category, seconds, length] of AUCTIONS) {
    const auction = { id, itemName: `item-${id}`, description: `the lot numbered ${id}`, initialBid: 100, reserve: 5_000,
      dateTime: timestamp(seconds), expires: timestamp(seconds + length), seller, category, extra: '' };
    lines.push({ seconds, line: JSON.stringify({ event_type: 1, person: null, auction, bid: null }) });
  }
  for (const [auction, bidder, price, channel, seconds] of BIDS) {
    const bid = { auction, bidder, price, channel, url: `https://www.nexmark.com/a/b/c/item.htm?query=1&channel_id=${bidder}`,
      dateTime: timestamp(seconds), extra: '' };
    lines.push({ seconds, line: JSON.stringify({ event_type: 2, person: null, auction: null, bid }) });
  }
  return lines.sort((a, b) => a.seconds - b.seconds).map((timed) => timed.line);
}

const windowOf = (seconds: number): number => Math.floor((seconds * 1000) / WINDOW_MS);

/** q7: bids whose price is the top of a 10 s window and whose time lies in [window end − 10 s, window end]. */
function q7Rows(): number {
  const topByWindow = new Map<number, number>();
  for (const [, , price, , seconds] of BIDS) {
    const window = windowOf(seconds);
    topByWindow.set(window, Math.max(topByWindow.get(window) ?? 0, price));
  }
  let rows = 0;
  for (const [window, top] of topByWindow) {
    const endMs = (window + 1) * WINDOW_MS;
    rows += BIDS.filter(([, , price, , seconds]) => price === top && seconds * 1000 >= endMs - WINDOW_MS && seconds * 1000 <= endMs).length;
  }
  return rows;
}

/** q8: distinct (person, window) where the person registered and sold something in the same 10 s window. */
function q8Rows(): number {
  const matches = new Set<string>();
  for (const [id, , , , personSeconds] of PEOPLE) {
    for (const [, seller, , auctionSeconds] of AUCTIONS) {
      if (seller === id && windowOf(personSeconds) === windowOf(auctionSeconds)) matches.add(`${id}/${windowOf(personSeconds)}`);
    }
  }
  return matches.size;
}

/** Rows each query must write on the sample; `undefined`: only "at least one" is checked. */
export function expectedSampleRows(): Readonly<Record<string, number | undefined>> {
  return {
    q0: BIDS.length,
    q1: BIDS.length,
    q2: BIDS.filter(([auction]) => auction % 123 === 0).length,
    q5: undefined,
    q7: q7Rows(),
    q8: q8Rows(),
  };
}
