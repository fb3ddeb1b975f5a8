/**
 * Writes a Nexmark event stream as JSON lines.
 *
 *   node --import tsx bench/nexmark/generate.ts --events 1000000 --out nexmark.jsonl      # Flink `kafka` table shape
 *   node --import tsx bench/nexmark/generate.ts --events 1000000 --flat-dir data/nexmark  # person/auction/bid.jsonl
 *
 * Options: --seed N, --rate EVENTS_PER_SECOND (event time; default 10000), --generators P (default 1),
 * --base-time 'yyyy-MM-dd HH:mm:ss' (default 2015-07-15 00:00:00), --flink-bidder-offset (bidders +2000 as Flink).
 * Prints one line of JSON to stderr: events, bytes, seconds, events/s.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type NexmarkConfig, NexmarkConfigError, nexmarkConfig } from './config.js';
import { generateEvents } from './generator.js';
import { writeFlatJsonLines, writeKafkaJsonLines } from './json-files.js';
import { parseTimestampText } from './timestamp-text.js';

export interface GenerateCommand {
  readonly config: NexmarkConfig;
  readonly out?: string;
  readonly flatDir?: string;
}

export interface GenerateReport {
  readonly events: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly files: readonly string[];
}

function integerOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 0) throw new NexmarkConfigError(`--${name} must be a non-negative integer, got '${text}'`);
  return value;
}

export function parseGenerateArgs(argv: readonly string[]): GenerateCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      events: { type: 'string' },
      out: { type: 'string' },
      'flat-dir': { type: 'string' },
      seed: { type: 'string' },
      rate: { type: 'string' },
      generators: { type: 'string' },
      'base-time': { type: 'string' },
      'flink-bidder-offset': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const events = integerOption('events', values.events);
  if (events === undefined || events === 0) throw new NexmarkConfigError('--events N (N > 0) is required');
  if (values.out === undefined && values['flat-dir'] === undefined) throw new NexmarkConfigError('give --out FILE and/or --flat-dir DIR');
  let baseTime: number | undefined;
  if (values['base-time'] !== undefined) {
    const text = values['base-time'];
    baseTime = /^\d+$/.test(text) ? Number(text) : parseTimestampText(text) ?? parseTimestampText(`${text} 00:00:00`);
    if (baseTime === undefined) throw new NexmarkConfigError(`--base-time must be 'yyyy-MM-dd HH:mm:ss' or epoch milliseconds, got '${text}'`);
  }
  const overrides: Partial<{ -readonly [K in keyof NexmarkConfig]: NexmarkConfig[K] }> = { numEvents: events };
  const seed = integerOption('seed', values.seed);
  const rate = integerOption('rate', values.rate);
  const generators = integerOption('generators', values.generators);
  if (seed !== undefined) overrides.seed = seed;
  if (rate !== undefined) overrides.firstEventRate = rate;
  if (generators !== undefined) overrides.numEventGenerators = generators;
  if (baseTime !== undefined) overrides.baseTime = baseTime;
  if (values['flink-bidder-offset']) overrides.flinkBidderOffset = true;
  return {
    config: nexmarkConfig(overrides),
    ...(values.out !== undefined ? { out: resolve(values.out) } : {}),
    ...(values['flat-dir'] !== undefined ? { flatDir: resolve(values['flat-dir']) } : {}),
  };
}

export function runGenerate(command: GenerateCommand): GenerateReport {
  const started = performance.now();
  let bytes = 0;
  let events = 0;
  const files: string[] = [];
  if (command.out !== undefined) {
    const report = writeKafkaJsonLines(generateEvents(command.config), command.out);
    bytes += report.bytes;
    events = report.events;
    files.push(command.out);
  }
  if (command.flatDir !== undefined) {
    const report = writeFlatJsonLines(generateEvents(command.config), command.flatDir);
    bytes += report.bytes;
    events = report.persons + report.auctions + report.bids;
    files.push(report.paths.person, report.paths.auction, report.paths.bid);
  }
  const seconds = (performance.now() - started) / 1000;
  const passes = (command.out !== undefined ? 1 : 0) + (command.flatDir !== undefined ? 1 : 0);
  return { events, bytes, seconds, eventsPerSecond: Math.round((events * passes) / seconds), files };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const report = runGenerate(parseGenerateArgs(process.argv.slice(2)));
    process.stderr.write(`${JSON.stringify({ ...report, seconds: Number(report.seconds.toFixed(3)) })}\n`);
  } catch (error) {
    if (!(error instanceof NexmarkConfigError) && !(error instanceof TypeError)) throw error;
    process.stderr.write(`generate: ${error.message}\n`);
    process.exitCode = 2;
  }
}
