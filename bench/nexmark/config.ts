/**
 * Configuration of the Nexmark generator (the parameters of GENERATOR.md §2), with the Flink Nexmark defaults.
 *
 * Two choices differ from Flink on purpose and can be switched back:
 * - `baseTime` is fixed (2015-07-15 00:00:00 UTC) instead of the wall clock at planning time, so output is reproducible;
 * - `flinkBidderOffset` is false: bidders are person ids (+1000), as in Beam, Arroyo and RisingWave. Flink adds
 *   1000 twice (+2000), so its bids name people that do not exist yet; set it to true to replicate that.
 */

export interface NexmarkConfig {
  /** Events in the stream; 0 = unbounded (then the id space is sized as Flink does: 2^63 / 25,000 events). */
  readonly numEvents: number;
  /** Events per second of event time across all generators (Flink's `first-event.rate`). */
  readonly firstEventRate: number;
  /** Parallel timelines with disjoint id blocks (Flink: the source parallelism). */
  readonly numEventGenerators: number;
  readonly personProportion: number;
  readonly auctionProportion: number;
  readonly bidProportion: number;
  readonly avgPersonByteSize: number;
  readonly avgAuctionByteSize: number;
  readonly avgBidByteSize: number;
  /** A bid goes to the hot auction with probability 1 − 1/ratio. */
  readonly hotAuctionRatio: number;
  /** A bid is by the hot bidder with probability 1 − 1/ratio. */
  readonly hotBiddersRatio: number;
  /** An auction is by the hot seller with probability 1 − 1/ratio. */
  readonly hotSellersRatio: number;
  /** Non-hot bids pick among this many latest auctions (plus AUCTION_ID_LEAD not created yet). */
  readonly numInFlightAuctions: number;
  /** Non-hot sellers and bidders are among this many latest people (plus PERSON_ID_LEAD not created yet). */
  readonly numActivePeople: number;
  /** Beam's intra-generator disorder: event numbers permuted within aligned groups of this size (1 = in order). */
  readonly outOfOrderGroupSize: number;
  readonly firstEventId: number;
  readonly firstEventNumber: number;
  /** Event time of event number 0, epoch milliseconds of the UTC wall clock. */
  readonly baseTime: number;
  /** Seed of every random choice: the same seed and config give the same stream. */
  readonly seed: number;
  /** Replicate Flink's `bidder += 1000` written twice (bid.bidder offset by +2000 from base 0). */
  readonly flinkBidderOffset: boolean;
}

export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
export const NUM_CATEGORIES = 5;
export const PERSON_ID_LEAD = 10;
export const AUCTION_ID_LEAD = 10;
/** Size of the block of auctions / people whose first member is the hot one. */
export const HOT_AUCTION_RATIO = 100;
export const HOT_SELLER_RATIO = 100;
export const HOT_BIDDER_RATIO = 100;
/** A bid uses one of the 4 hot channels with probability 1 − 1/HOT_CHANNELS_RATIO. */
export const HOT_CHANNELS_RATIO = 2;
export const CHANNELS_NUMBER = 10_000;
export const MIN_STRING_LENGTH = 3;

/** 2015-07-15 00:00:00 UTC, the date of the RisingWave Nexmark fixture. */
export const DEFAULT_BASE_TIME = Date.UTC(2015, 6, 15);

export const DEFAULT_CONFIG: NexmarkConfig = Object.freeze({
  numEvents: 0,
  firstEventRate: 10_000,
  numEventGenerators: 1,
  personProportion: 1,
  auctionProportion: 3,
  bidProportion: 46,
  avgPersonByteSize: 200,
  avgAuctionByteSize: 500,
  avgBidByteSize: 100,
  hotAuctionRatio: 2,
  hotBiddersRatio: 4,
  hotSellersRatio: 4,
  numInFlightAuctions: 100,
  numActivePeople: 1000,
  outOfOrderGroupSize: 1,
  firstEventId: 1,
  firstEventNumber: 1,
  baseTime: DEFAULT_BASE_TIME,
  seed: 0,
  flinkBidderOffset: false,
});

export class NexmarkConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NexmarkConfigError';
  }
}

/** The defaults with `overrides` applied, checked. */
export function nexmarkConfig(overrides: Partial<NexmarkConfig> = {}): NexmarkConfig {
  const config: NexmarkConfig = Object.freeze({ ...DEFAULT_CONFIG, ...overrides });
  const positive: (keyof NexmarkConfig)[] = [
    'firstEventRate', 'numEventGenerators', 'hotAuctionRatio', 'hotBiddersRatio', 'hotSellersRatio',
    'numInFlightAuctions', 'numActivePeople', 'outOfOrderGroupSize',
  ];
  for (const key of positive) {
    const value = config[key] as number;
    if (!(value > 0)) throw new NexmarkConfigError(`${key} must be positive, got ${value}`);
  }
  const integers: (keyof NexmarkConfig)[] = [
    'numEvents', 'numEventGenerators', 'personProportion', 'auctionProportion', 'bidProportion',
    'outOfOrderGroupSize', 'firstEventId', 'firstEventNumber', 'baseTime', 'seed',
  ];
  for (const key of integers) {
    const value = config[key] as number;
    if (!Number.isSafeInteger(value) || value < 0) throw new NexmarkConfigError(`${key} must be a non-negative integer, got ${value}`);
  }
  if (config.personProportion + config.auctionProportion + config.bidProportion === 0) {
    throw new NexmarkConfigError('the event proportions must not all be 0');
  }
  return config;
}
