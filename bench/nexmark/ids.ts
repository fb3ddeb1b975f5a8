/**
 * Event ids, entity ids and event timestamps (GENERATOR.md §3–§5): everything here is arithmetic on the event
 * number, nothing is random except the "random person / auction" choices at the end.
 */
import { AUCTION_ID_LEAD, type NexmarkConfig, PERSON_ID_LEAD } from './config.js';
import type { NexmarkRandom } from './random.js';

/** Derived constants of a config, computed once. */
export interface GeneratorPlan {
  readonly config: NexmarkConfig;
  readonly totalProportion: number;
  /** Microseconds of event time between two events of one generator (a double, as in Flink). */
  readonly interEventDelayUs: number;
  /** Events in the whole stream (numEvents, or Flink's bound for an unbounded stream). */
  readonly maxEvents: number;
  /** Events of each generator except the last, which also takes the remainder. */
  readonly eventsPerSplit: number;
  /** Events between an auction and the one 100 auctions later: the span its `expires` is drawn from. */
  readonly auctionHorizonEvents: number;
}

/** Where global event number `n` (0-based, in stream order) sits: its generator and its ids and time. */
export interface EventPosition {
  readonly split: number;
  /** Events generated before it by its own generator. */
  readonly count: number;
  /** The (possibly permuted) event number within its generator, which sets its timestamp. */
  readonly adjustedNumber: number;
  readonly eventId: number;
  /** Event time, epoch milliseconds. */
  readonly timestamp: number;
}

export function generatorPlan(config: NexmarkConfig): GeneratorPlan {
  const totalProportion = config.personProportion + config.auctionProportion + config.bidProportion;
  const maxAverageSize = Math.max(config.avgPersonByteSize, config.avgAuctionByteSize, config.avgBidByteSize);
  const maxEvents = config.numEvents > 0
    ? config.numEvents
    : Number(0x7fffffffffffffffn / BigInt(totalProportion * Math.max(1, Math.floor(maxAverageSize))));
  const auctionHorizonEvents = config.auctionProportion > 0
    ? Math.floor((config.numInFlightAuctions * totalProportion) / config.auctionProportion)
    : 0;
  return {
    config,
    totalProportion,
    interEventDelayUs: (1_000_000 / config.firstEventRate) * config.numEventGenerators,
    maxEvents,
    eventsPerSplit: Math.floor(maxEvents / config.numEventGenerators),
    auctionHorizonEvents,
  };
}

/** Beam's out-of-order permutation of event numbers within aligned groups (identity for group size 1). */
export function adjustedEventNumber(eventNumber: number, groupSize: number): number {
  if (groupSize === 1) return eventNumber;
  const base = Math.floor(eventNumber / groupSize) * groupSize;
  return base + (((eventNumber % groupSize) * 953) % groupSize);
}

/** Event time of the event with (adjusted) number `eventNumber` of one generator. */
export function timestampForEvent(plan: GeneratorPlan, eventNumber: number): number {
  return plan.config.baseTime + Math.floor(Math.floor(eventNumber * plan.interEventDelayUs) / 1000);
}

/**
 * Position of global event `n`: the generators' streams are interleaved round-robin (they share one event-time
 * timeline, so the interleaving is in event-time order); the last generator's remainder comes at the end.
 */
export function eventPosition(plan: GeneratorPlan, n: number): EventPosition {
  const generators = plan.config.numEventGenerators;
  let split: number;
  let count: number;
  if (generators === 1) {
    split = 0;
    count = n;
  } else if (n < generators * plan.eventsPerSplit) {
    split = n % generators;
    count = Math.floor(n / generators);
  } else {
    split = generators - 1;
    count = plan.eventsPerSplit + (n - generators * plan.eventsPerSplit);
  }
  const { config } = plan;
  const adjustedNumber = adjustedEventNumber(config.firstEventNumber + count, config.outOfOrderGroupSize);
  const eventId = config.firstEventId + split * plan.eventsPerSplit + adjustedNumber;
  return { split, count, adjustedNumber, eventId, timestamp: timestampForEvent(plan, adjustedNumber) };
}

export type EventKind = 'person' | 'auction' | 'bid';

/** The kind is decided by the event id modulo the total proportion: person slots, then auctions, then bids. */
export function eventKind(plan: GeneratorPlan, eventId: number): EventKind {
  const rem = eventId % plan.totalProportion;
  if (rem < plan.config.personProportion) return 'person';
  if (rem < plan.config.personProportion + plan.config.auctionProportion) return 'auction';
  return 'bid';
}

/** Base-0 id of the newest person created at or before `eventId`. */
export function lastBase0PersonId(plan: GeneratorPlan, eventId: number): number {
  const { personProportion } = plan.config;
  const epoch = Math.floor(eventId / plan.totalProportion);
  const offset = Math.min(eventId % plan.totalProportion, personProportion - 1);
  return epoch * personProportion + offset;
}

/** Base-0 id of the newest auction created at or before `eventId`. */
export function lastBase0AuctionId(plan: GeneratorPlan, eventId: number): number {
  const { personProportion, auctionProportion } = plan.config;
  let epoch = Math.floor(eventId / plan.totalProportion);
  let offset = eventId % plan.totalProportion;
  if (offset < personProportion) {
    epoch--;
    offset = auctionProportion - 1;
  } else if (offset >= personProportion + auctionProportion) {
    offset = auctionProportion - 1;
  } else {
    offset -= personProportion;
  }
  return epoch * auctionProportion + offset;
}

/** A random recent person: uniform over the last `numActivePeople` plus PERSON_ID_LEAD ids not created yet. */
export function nextBase0PersonId(plan: GeneratorPlan, eventId: number, random: NexmarkRandom): number {
  const numPeople = lastBase0PersonId(plan, eventId) + 1;
  const active = Math.min(numPeople, plan.config.numActivePeople);
  return numPeople - active + random.nextInt(active + PERSON_ID_LEAD);
}

/** A random recent auction: uniform over the last `numInFlightAuctions` + 1 plus AUCTION_ID_LEAD future ids. */
export function nextBase0AuctionId(plan: GeneratorPlan, eventId: number, random: NexmarkRandom): number {
  const maxAuction = lastBase0AuctionId(plan, eventId);
  const minAuction = Math.max(maxAuction - plan.config.numInFlightAuctions, 0);
  return minAuction + random.nextInt(maxAuction - minAuction + 1 + AUCTION_ID_LEAD);
}
