/**
 * Bid channels and their URLs (GENERATOR.md §7.3): 4 hot channels with fixed URLs and 10,000 numbered channels whose
 * URLs are built once per seed; 9 in 10 numbered URLs carry `&channel_id=<abs(Integer.reverse(i))>`.
 */
import { CHANNELS_NUMBER } from './config.js';
import { NexmarkRandom } from './random.js';
import { nextString } from './strings.js';

export const HOT_CHANNELS = ['Google', 'Facebook', 'Baidu', 'Apple'] as const;

export interface ChannelTable {
  readonly hotUrls: readonly string[];
  /** `"channel-" + i` for i in 0 … CHANNELS_NUMBER−1. */
  readonly names: readonly string[];
  readonly urls: readonly string[];
}

/** Java's Integer.reverse: the 32 bits of `value` in reverse order, as a signed int. */
export function reverseBits32(value: number): number {
  let x = value | 0;
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) | 0;
}

/** Java's Math.abs on an int: Integer.MIN_VALUE stays negative. */
function javaIntAbs(value: number): number {
  return value === -2147483648 ? value : Math.abs(value);
}

/** The `channel_id` a numbered channel's URL carries (when it carries one). */
export function channelId(channel: number): number {
  return javaIntAbs(reverseBits32(channel));
}

function nextUrl(random: NexmarkRandom): string {
  return `https://www.nexmark.com/${nextString(random, 5, '_')}/${nextString(random, 5, '_')}/${nextString(random, 5, '_')}/item.htm?query=1`;
}

/** The random stream the channel table is drawn from: an id no event has. */
const CHANNEL_STREAM = Number.MAX_SAFE_INTEGER - 1;

const tables = new Map<number, ChannelTable>();

export function channelTable(seed: number): ChannelTable {
  let table = tables.get(seed);
  if (table === undefined) {
    const random = new NexmarkRandom(seed, CHANNEL_STREAM);
    const hotUrls = HOT_CHANNELS.map(() => nextUrl(random));
    const names: string[] = [];
    const urls: string[] = [];
    for (let i = 0; i < CHANNELS_NUMBER; i++) {
      const url = nextUrl(random);
      names.push(`channel-${i}`);
      urls.push(random.nextInt(10) > 0 ? `${url}&channel_id=${channelId(i)}` : url);
    }
    table = { hotUrls, names, urls };
    tables.set(seed, table);
  }
  return table;
}
