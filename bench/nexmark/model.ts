/**
 * The Nexmark entities (GENERATOR.md §1), with the field names of Flink's `kafka` table ROWs. BIGINT fields are
 * JS numbers (every generated id and price is far below 2^53); times are epoch milliseconds of the UTC wall clock.
 */

export interface Person {
  readonly id: number;
  readonly name: string;
  readonly emailAddress: string;
  readonly creditCard: string;
  readonly city: string;
  readonly state: string;
  readonly dateTime: number;
  readonly extra: string;
}

export interface Auction {
  readonly id: number;
  readonly itemName: string;
  readonly description: string;
  /** Cents. */
  readonly initialBid: number;
  /** Cents. */
  readonly reserve: number;
  readonly dateTime: number;
  readonly expires: number;
  /** A person id. */
  readonly seller: number;
  readonly category: number;
  readonly extra: string;
}

export interface Bid {
  /** An auction id. */
  readonly auction: number;
  /** A person id. */
  readonly bidder: number;
  /** Cents. */
  readonly price: number;
  readonly channel: string;
  readonly url: string;
  readonly dateTime: number;
  readonly extra: string;
}

/** One event of the stream: exactly one entity, tagged with its kind and the event id it was generated from. */
export type NexmarkEvent =
  | { readonly kind: 'person'; readonly eventId: number; readonly person: Person }
  | { readonly kind: 'auction'; readonly eventId: number; readonly auction: Auction }
  | { readonly kind: 'bid'; readonly eventId: number; readonly bid: Bid };

/** `event_type` of Flink's union table. */
export const EVENT_TYPE = { person: 0, auction: 1, bid: 2 } as const;

/** Field names in Flink's DDL order (the flat views of ddl_views.sql keep the same order). */
export const PERSON_FIELDS = ['id', 'name', 'emailAddress', 'creditCard', 'city', 'state', 'dateTime', 'extra'] as const;
export const AUCTION_FIELDS = [
  'id', 'itemName', 'description', 'initialBid', 'reserve', 'dateTime', 'expires', 'seller', 'category', 'extra',
] as const;
export const BID_FIELDS = ['auction', 'bidder', 'price', 'channel', 'url', 'dateTime', 'extra'] as const;
