/**
 * The Yahoo streaming benchmark's data (yahoo/streaming-benchmarks, `data/src/setup/core.clj`), generated here from a
 * seed so that every run and both engines read the same events:
 *
 * - 100 campaigns with 10 ads each (UUIDs); the ad → campaign mapping is the `campaigns` table (the original keeps it
 *   in Redis);
 * - ad events `{user_id, page_id, ad_id, ad_type, event_type, event_time, ip_address}`: user and page from 100 UUIDs
 *   each, ad uniform over the 1,000 ads, ad_type one of 5, event_type one of view | click | purchase;
 * - event n is scheduled at start + 10 ms · n (the original's check mode) with the original's ±50 ms skew, so events
 *   arrive slightly out of order (the job's watermark allows 1 s; no event is late).
 *
 * `event_time` is written as SQL timestamp text (`yyyy-MM-dd HH:mm:ss.SSS`) rather than the original's millisecond
 * string, so that both engines read it with their JSON format as a TIMESTAMP(3) without a conversion function.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { NexmarkRandom } from '../nexmark/random.js';
import { TimestampText } from '../nexmark/timestamp-text.js';

export const YSB_CAMPAIGNS = 100;
export const YSB_ADS_PER_CAMPAIGN = 10;
export const YSB_AD_TYPES = ['banner', 'modal', 'sponsored-search', 'mail', 'mobile'] as const;
export const YSB_EVENT_TYPES = ['view', 'click', 'purchase'] as const;
/** 2026-01-01T00:00:00Z: the first event's scheduled time. */
export const YSB_START_MS = Date.UTC(2026, 0, 1);
export const YSB_EVENT_SPACING_MS = 10;
export const YSB_SKEW_MS = 50;
export const YSB_WINDOW_MS = 10_000;

const USERS = 100;
const PAGES = 100;
/** Streams of the seeded generator: the ids' UUIDs come from streams far above any event number. */
const ID_STREAM_BASE = 2 ** 40;

export interface YsbEvent {
  readonly user_id: string;
  readonly page_id: string;
  readonly ad_id: string;
  readonly ad_type: string;
  readonly event_type: string;
  /** Epoch milliseconds. */
  readonly event_time: number;
  readonly ip_address: string;
}

function uuid(random: NexmarkRandom): string {
  const hex = Array.from({ length: 4 }, () => random.nextUint32().toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function uuids(seed: number, stream: number, count: number): string[] {
  const random = new NexmarkRandom(seed, ID_STREAM_BASE + stream);
  return Array.from({ length: count }, () => uuid(random));
}

/** The fixed ids of one seed: campaigns, their ads (ad i belongs to campaign ⌊i / 10⌋), users and pages. */
export class YsbIds {
  readonly campaigns: readonly string[];
  readonly ads: readonly string[];
  readonly users: readonly string[];
  readonly pages: readonly string[];

  constructor(readonly seed = 0) {
    this.campaigns = uuids(seed, 0, YSB_CAMPAIGNS);
    this.ads = uuids(seed, 1, YSB_CAMPAIGNS * YSB_ADS_PER_CAMPAIGN);
    this.users = uuids(seed, 2, USERS);
    this.pages = uuids(seed, 3, PAGES);
  }

  campaignOfAd(adIndex: number): string {
    return this.campaigns[Math.floor(adIndex / YSB_ADS_PER_CAMPAIGN)]!;
  }
}

/** Event `n` (0-based) of the seed's stream; any event can be made on its own. */
export function ysbEvent(ids: YsbIds, n: number, random = new NexmarkRandom()): YsbEvent & { readonly adIndex: number } {
  random.reseed(ids.seed, n);
  const skew = random.nextInt(2 * YSB_SKEW_MS + 1) - YSB_SKEW_MS;
  const adIndex = random.nextInt(ids.ads.length);
  return {
    user_id: ids.users[random.nextInt(USERS)]!,
    page_id: ids.pages[random.nextInt(PAGES)]!,
    ad_id: ids.ads[adIndex]!,
    adIndex,
    ad_type: YSB_AD_TYPES[random.nextInt(YSB_AD_TYPES.length)]!,
    event_type: YSB_EVENT_TYPES[random.nextInt(YSB_EVENT_TYPES.length)]!,
    event_time: YSB_START_MS + YSB_EVENT_SPACING_MS * n + skew,
    ip_address: '1.2.3.4',
  };
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let chunk = '';
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function* eventLines(ids: YsbIds, events: number): Iterable<string> {
  const random = new NexmarkRandom();
  const text = new TimestampText();
  for (let n = 0; n < events; n++) {
    const { adIndex: _, ...event } = ysbEvent(ids, n, random);
    yield JSON.stringify({ ...event, event_time: text.format(event.event_time) });
  }
}

/** Writes `events` ad events and the campaigns table (`{ad_id, campaign_id}` per ad) as JSON lines. */
export async function writeYsbFiles(paths: { events: string; campaigns: string }, events: number, seed = 0): Promise<void> {
  const ids = new YsbIds(seed);
  await writeLines(paths.campaigns, ids.ads.map((ad, i) => JSON.stringify({ ad_id: ad, campaign_id: ids.campaignOfAd(i) })));
  await writeLines(paths.events, eventLines(ids, events));
}

/**
 * The benchmark's answer computed directly (the original's `-c` check mode): views per (campaign, 10-second window),
 * keyed `${campaign_id}|${window start ms}`.
 */
export function ysbExpectedCounts(events: number, seed = 0): Map<string, number> {
  const ids = new YsbIds(seed);
  const random = new NexmarkRandom();
  const counts = new Map<string, number>();
  for (let n = 0; n < events; n++) {
    const event = ysbEvent(ids, n, random);
    if (event.event_type !== 'view') continue;
    const windowStart = Math.floor(event.event_time / YSB_WINDOW_MS) * YSB_WINDOW_MS;
    const key = `${ids.campaignOfAd(event.adIndex)}|${windowStart}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
