/** Bid events (GENERATOR.md §7.3). */
import {
  CHANNELS_NUMBER, FIRST_AUCTION_ID, FIRST_PERSON_ID, HOT_AUCTION_RATIO, HOT_BIDDER_RATIO, HOT_CHANNELS_RATIO,
} from './config.js';
import { type ChannelTable, HOT_CHANNELS } from './channels.js';
import {
  type EventPosition, type GeneratorPlan, lastBase0AuctionId, lastBase0PersonId, nextBase0AuctionId, nextBase0PersonId,
} from './ids.js';
import type { Bid } from './model.js';
import type { NexmarkRandom } from './random.js';
import { nextExtra, nextPrice } from './strings.js';

/** Size a bid is padded from: its fixed fields count as 32 bytes. */
const BID_FIXED_SIZE = 32;

/** The hot auction: the first auction of the current block of HOT_AUCTION_RATIO auctions (base 0). */
export function hotAuctionBase0(plan: GeneratorPlan, eventId: number): number {
  return Math.floor(lastBase0AuctionId(plan, eventId) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO;
}

/** The hot bidder: the second person of the current block of HOT_BIDDER_RATIO people (never the hot seller). */
export function hotBidderBase0(plan: GeneratorPlan, eventId: number): number {
  return Math.floor(lastBase0PersonId(plan, eventId) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1;
}

/** The bid made by the event at `position`. */
export function nextBid(
  plan: GeneratorPlan, position: EventPosition, random: NexmarkRandom, padding: string, channels: ChannelTable,
): Bid {
  const { config } = plan;
  const { eventId } = position;
  const auction = (random.nextInt(config.hotAuctionRatio) > 0
    ? hotAuctionBase0(plan, eventId)
    : nextBase0AuctionId(plan, eventId, random)) + FIRST_AUCTION_ID;
  const bidder = (random.nextInt(config.hotBiddersRatio) > 0
    ? hotBidderBase0(plan, eventId)
    : nextBase0PersonId(plan, eventId, random)) + FIRST_PERSON_ID + (config.flinkBidderOffset ? FIRST_PERSON_ID : 0);
  const price = nextPrice(random);
  let channel: string;
  let url: string;
  if (random.nextInt(HOT_CHANNELS_RATIO) > 0) {
    const hot = random.nextInt(HOT_CHANNELS.length);
    channel = HOT_CHANNELS[hot]!;
    url = channels.hotUrls[hot]!;
  } else {
    const numbered = random.nextInt(CHANNELS_NUMBER);
    channel = channels.names[numbered]!;
    url = channels.urls[numbered]!;
  }
  const extra = nextExtra(random, padding, BID_FIXED_SIZE, config.avgBidByteSize);
  return { auction, bidder, price, channel, url, dateTime: position.timestamp, extra };
}
