/**
 * The event loop: event number → position (ids, time) → kind → entity. Every event is generated from its own
 * random stream (seed, event id), so `generateEvent(config, n)` is a pure function of its arguments and ranges of
 * the stream can be generated independently and in parallel.
 *
 * ```ts
 * const config = nexmarkConfig({ numEvents: 1_000_000 });
 * const first = generateEvent(config, 0);               // { kind: 'auction', eventId: 2, auction: {…} }
 * for (const event of generateEvents(config)) …         // all numEvents events, in stream order
 * ```
 */
import { nextAuction } from './auction.js';
import { nextBid } from './bid.js';
import { channelTable, type ChannelTable } from './channels.js';
import { type NexmarkConfig, NexmarkConfigError } from './config.js';
import { type EventPosition, eventKind, eventPosition, type GeneratorPlan, generatorPlan } from './ids.js';
import type { NexmarkEvent } from './model.js';
import { nextPerson } from './person.js';
import { NexmarkRandom } from './random.js';
import { exactStringSource } from './strings.js';

/** A generator bound to one config; reuse it to generate many events cheaply. */
export class NexmarkGenerator {
  readonly plan: GeneratorPlan;
  private readonly random = new NexmarkRandom();
  private readonly padding: string;
  private readonly channels: ChannelTable;

  constructor(readonly config: NexmarkConfig) {
    this.plan = generatorPlan(config);
    this.padding = exactStringSource(config.seed);
    this.channels = channelTable(config.seed);
  }

  /** Position (generator, event id, event time) of global event number `n`. */
  position(n: number): EventPosition {
    return eventPosition(this.plan, n);
  }

  /** Global event number `n` (0-based, in stream order). */
  event(n: number): NexmarkEvent {
    if (!Number.isSafeInteger(n) || n < 0) throw new NexmarkConfigError(`event number must be a non-negative integer, got ${n}`);
    const position = eventPosition(this.plan, n);
    this.random.reseed(this.config.seed, position.eventId);
    switch (eventKind(this.plan, position.eventId)) {
      case 'person':
        return { kind: 'person', eventId: position.eventId, person: nextPerson(this.plan, position, this.random, this.padding) };
      case 'auction':
        return { kind: 'auction', eventId: position.eventId, auction: nextAuction(this.plan, position, this.random, this.padding) };
      case 'bid':
        return { kind: 'bid', eventId: position.eventId, bid: nextBid(this.plan, position, this.random, this.padding, this.channels) };
    }
  }

  /** Events `from` … `to − 1` (to defaults to the end of a bounded stream). */
  *events(from = 0, to = this.boundedEnd()): Generator<NexmarkEvent> {
    for (let n = from; n < to; n++) yield this.event(n);
  }

  private boundedEnd(): number {
    if (this.config.numEvents === 0) throw new NexmarkConfigError('an unbounded stream (numEvents = 0) needs an explicit end');
    return this.config.numEvents;
  }
}

const generators = new WeakMap<NexmarkConfig, NexmarkGenerator>();

function generatorFor(config: NexmarkConfig): NexmarkGenerator {
  let generator = generators.get(config);
  if (generator === undefined) {
    generator = new NexmarkGenerator(config);
    generators.set(config, generator);
  }
  return generator;
}

/** Event number `eventNumber` (0-based) of the stream `config` describes. */
export function generateEvent(config: NexmarkConfig, eventNumber: number): NexmarkEvent {
  return generatorFor(config).event(eventNumber);
}

/** Events `from` … `to − 1` of the stream (by default all `numEvents` of a bounded one). */
export function generateEvents(config: NexmarkConfig, from?: number, to?: number): Generator<NexmarkEvent> {
  return generatorFor(config).events(from, to);
}
