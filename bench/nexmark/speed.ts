/**
 * Generator speed: events/s writing Flink-shaped JSON lines to a file, and events/s producing Arrow batches of the
 * flat tables in memory, per wall-clock second and per CPU second of this process (user + system: steadier on a
 * shared machine). Prints one line of JSON.
 *
 *   node --import tsx bench/nexmark/speed.ts [--events 1000000] [--out /tmp/nexmark-speed.jsonl]
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateFlatBatches } from './arrow-batches.js';
import { nexmarkConfig } from './config.js';
import { generateEvents } from './generator.js';
import { writeKafkaJsonLines } from './json-files.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, out: { type: 'string' } } });
const events = Number(values.events);
const out = values.out ?? join(tmpdir(), `nexmark-speed-${process.pid}.jsonl`);
const config = nexmarkConfig({ numEvents: events });

generateFlatBatches(nexmarkConfig({ numEvents: 50_000 })); // warm up the JIT

/** Runs `work`, returning its result with wall-clock and CPU seconds. */
function timed<T>(work: () => T): { result: T; wall: number; cpu: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { result, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

const generate = timed(() => {
  let n = 0;
  for (const _ of generateEvents(config)) n++;
  return n;
});
const json = timed(() => writeKafkaJsonLines(generateEvents(config), out));
if (values.out === undefined) rmSync(out, { force: true });
const arrow = timed(() => {
  const batches = generateFlatBatches(config);
  return [...batches.person, ...batches.auction, ...batches.bid].reduce((n, b) => n + b.numRows, 0);
});

const rate = (count: number, seconds: number): number => Math.round(count / seconds);
process.stdout.write(`${JSON.stringify({
  events,
  generate: { perWallSecond: rate(generate.result, generate.wall), perCpuSecond: rate(generate.result, generate.cpu) },
  jsonLines: { perWallSecond: rate(json.result.events, json.wall), perCpuSecond: rate(json.result.events, json.cpu), bytes: json.result.bytes },
  arrow: { perWallSecond: rate(arrow.result, arrow.wall), perCpuSecond: rate(arrow.result, arrow.cpu) },
  node: process.version,
})}\n`);
