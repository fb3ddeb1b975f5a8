/** Auction events (GENERATOR.md §7.2). */
import { FIRST_AUCTION_ID, FIRST_CATEGORY_ID, FIRST_PERSON_ID, HOT_SELLER_RATIO, NUM_CATEGORIES } from './config.js';
import {
  type EventPosition, type GeneratorPlan, lastBase0AuctionId, lastBase0PersonId, nextBase0PersonId, timestampForEvent,
} from './ids.js';
import type { Auction } from './model.js';
import type { NexmarkRandom } from './random.js';
import { nextExtra, nextPrice, nextString } from './strings.js';

/** The hot seller: the first person of the current block of HOT_SELLER_RATIO people (base 0). */
export function hotSellerBase0(plan: GeneratorPlan, eventId: number): number {
  return Math.floor(lastBase0PersonId(plan, eventId) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO;
}

/** The auction created by the event at `position`. */
export function nextAuction(plan: GeneratorPlan, position: EventPosition, random: NexmarkRandom, padding: string): Auction {
  const { config } = plan;
  const { eventId, timestamp } = position;
  const id = lastBase0AuctionId(plan, eventId) + FIRST_AUCTION_ID;
  const seller = (random.nextInt(config.hotSellersRatio) > 0
    ? hotSellerBase0(plan, eventId)
    : nextBase0PersonId(plan, eventId, random)) + FIRST_PERSON_ID;
  const category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
  const initialBid = nextPrice(random);
  // The time it takes to create ~numInFlightAuctions more auctions: auctions end within twice that.
  const horizon = timestampForEvent(plan, position.adjustedNumber + plan.auctionHorizonEvents) - timestamp;
  const expires = timestamp + 1 + random.nextInt(Math.max(2 * horizon, 1));
  const itemName = nextString(random, 20);
  const description = nextString(random, 100);
  const reserve = initialBid + nextPrice(random);
  const currentSize = 8 + itemName.length + description.length + 40;
  const extra = nextExtra(random, padding, currentSize, config.avgAuctionByteSize);
  return { id, itemName, description, initialBid, reserve, dateTime: timestamp, expires, seller, category, extra };
}
