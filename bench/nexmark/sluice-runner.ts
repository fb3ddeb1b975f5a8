/**
 * One measured Sluice run of a Nexmark query, in a process of its own (so its peak RSS is its own):
 *
 *   node --import tsx bench/nexmark/sluice-runner.ts --query q5 --input events.jsonl          # the file, as Flink reads it
 *   node --import tsx bench/nexmark/sluice-runner.ts --query q1 --engine-alone --events 1000000 # Arrow batches in memory
 *
 * File mode runs the published DDL (`kafka` table over the JSON-lines file), views and query. Engine-alone mode
 * registers the flat `bid` table as ready Arrow batches (generated before the clock starts) and runs the query over
 * it: parsing is not measured, only the engine. Prints one line of JSON (SluiceRun) on stdout.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../../src/index.js';
import type { JobSummary } from '../../src/session/api-types.js';
import { nexmarkQueriesDir } from '../flink/nexmark-script.js';
import { benchmarkScript } from '../job-script.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFlatBatches } from './arrow-batches.js';
import { nexmarkConfig } from './config.js';

export interface SluiceRun {
  readonly engine: 'sluice';
  readonly mode: 'file' | 'engine-alone';
  readonly query: string;
  readonly events: number;
  /** From the job's submission to its end (the job summary's elapsed time). */
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  /** CPU (user + system) of the process while the job ran. */
  readonly cpuMs: number;
  readonly eventsPerCpuSecond: number;
  readonly peakRssMb: number;
  /** Window results: wall time from the watermark passing a window's end to the window's rows being emitted. */
  readonly emitLatencyMs?: { readonly p50: number; readonly p99: number; readonly windows: number };
  readonly node: string;
}

/** The Sluice `WITH` options of the `kafka` table: the filesystem JSON source over the input file. */
export function sluiceSourceOptions(input: string): string {
  return [`'connector' = 'filesystem'`, `'path' = '${resolve(input).replaceAll("'", "''")}'`, `'format' = 'json'`]
    .map((option) => `    ${option}`).join(',\n');
}

async function runScript(engine: Engine, script: string): Promise<JobSummary> {
  let summary: JobSummary | undefined;
  for await (const { result } of engine.executeScript(script)) {
    if (result.kind === 'job') summary = await result.job.done();
  }
  if (!summary) throw new Error('the script started no job');
  return summary;
}

export async function runSluiceQuery(options: { query: string; input?: string; engineAlone?: number; batchSize?: number; decodeThreads?: number }): Promise<SluiceRun> {
  const engine = new Engine();
  if (options.batchSize !== undefined) await engine.execute(`SET 'sluice.batch-size' = '${options.batchSize}'`);
  if (options.decodeThreads !== undefined) await engine.execute(`SET 'sluice.source.decode-threads' = '${options.decodeThreads}'`);
  let script: string;
  let events: number;
  if (options.engineAlone !== undefined) {
    events = options.engineAlone;
    const config = nexmarkConfig();
    const { bid } = generateFlatBatches(config, { from: 0, to: events, batchSize: options.batchSize ?? 4096 });
    engine.registerTable('bid', {
      columns: [
        { name: 'auction', type: 'BIGINT' }, { name: 'bidder', type: 'BIGINT' }, { name: 'price', type: 'BIGINT' },
        { name: 'channel', type: 'STRING' }, { name: 'url', type: 'STRING' }, { name: 'dateTime', type: 'TIMESTAMP(3)' },
        { name: 'extra', type: 'STRING' },
      ],
      batches: bid,
      watermark: { column: 'dateTime', expression: "`dateTime` - INTERVAL '4' SECOND" },
    });
    events = bid.reduce((n, b) => n + b.numRows, 0);
    script = readFileSync(join(nexmarkQueriesDir(), `${options.query}.sql`), 'utf8');
  } else {
    if (options.input === undefined) throw new Error('--input is required without --engine-alone');
    script = benchmarkScript({ query: options.query, input: options.input, sourceOptions: sluiceSourceOptions });
    events = 0;
  }
  const cpuBefore = process.cpuUsage();
  const summary = await runScript(engine, script);
  const cpu = process.cpuUsage(cpuBefore);
  await engine.close();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (options.engineAlone === undefined) events = summary.recordsIn;
  const latency = summary.emitLatency;
  return {
    engine: 'sluice',
    mode: options.engineAlone === undefined ? 'file' : 'engine-alone',
    query: options.query,
    events,
    elapsedMs: summary.elapsedMs,
    eventsPerSecond: Math.round(events / (summary.elapsedMs / 1000)),
    cpuMs: Math.round(cpuMs),
    eventsPerCpuSecond: Math.round(events / (cpuMs / 1000)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(latency ? { emitLatencyMs: latency } : {}),
    node: process.version,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { query: { type: 'string' }, input: { type: 'string' }, 'engine-alone': { type: 'boolean' }, events: { type: 'string' }, 'batch-size': { type: 'string' }, 'decode-threads': { type: 'string' } },
  });
  if (values.query === undefined) throw new Error('usage: sluice-runner.ts --query qN (--input FILE | --engine-alone --events N)');
  const run = await runSluiceQuery({
    query: values.query,
    ...(values.input !== undefined ? { input: values.input } : {}),
    ...(values['engine-alone'] ? { engineAlone: Number(values.events ?? 1_000_000) } : {}),
    ...(values['batch-size'] !== undefined ? { batchSize: Number(values['batch-size']) } : {}),
    ...(values['decode-threads'] !== undefined ? { decodeThreads: Number(values['decode-threads']) } : {}),
  });
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
