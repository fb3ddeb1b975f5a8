/**
 * `npm run bench`: Nexmark on Sluice and on Apache Flink, side by side on this machine, from the same JSON-lines file.
 *
 *   npm run bench                                   # 1M events; q0 q1 q2 q5 q7 q8 and the Yahoo job (ysb); one run each, alternating
 *   npm run bench -- --events 200000 --runs 3 --queries q0,q5
 *   npm run bench -- --no-flink                     # Sluice only (no Java needed)
 *   npm run bench -- --render                       # rewrite the docs from docs/nexmark-results.json
 *   npm run bench -- --engine-alone-only            # new engine-alone runs (3 × 10M events per query), file runs kept
 *
 * Steps: generate the input once (bench/nexmark, cached under ~/.cache/sluice/nexmark; not timed); for each query
 * and run, Sluice (a fresh Node process, bench/nexmark/sluice-runner.ts) and Flink (a fresh JVM, bench/flink-runner.ts,
 * local mini-cluster at parallelism 2), in alternating order; the engine-alone mode (Arrow batches made before the
 * clock starts) for q0–q2. Both clocks run from the job's submission to its end over the same events. Writes the
 * medians to docs/benchmarks.md (between the nexmark-results markers), docs/nexmark.png and docs/nexmark-results.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, homedir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runFlinkQuery, type FlinkQueryRun } from '../flink-runner.js';
import { writeChartPng } from './chart.js';
import { nexmarkConfig } from './config.js';
import { generateEvents } from './generator.js';
import { writeKafkaJsonLines } from './json-files.js';
import type { SluiceRun } from './sluice-runner.js';
import { writeYsbFiles } from '../yahoo/generator.js';
import { YSB_QUERY, ysbCampaignsPath } from '../yahoo/script.js';

const REPO = resolve(import.meta.dirname, '../..');
const WINDOWED = new Set(['q5', 'q7', 'q8', YSB_QUERY]);

interface QueryResult {
  readonly query: string;
  readonly sluice: readonly SluiceRun[];
  readonly flink: readonly FlinkQueryRun[];
}

function cacheDir(benchmark = 'nexmark'): string {
  const base = process.env.SLUICE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sluice');
  return join(base, benchmark);
}

/** The Yahoo benchmark's ad events (and its campaigns file beside them), generated once per size. */
async function ysbInputFile(events: number): Promise<string> {
  const dir = join(cacheDir('ysb'), String(events));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'ad-events.jsonl');
  if (!existsSync(path) || !existsSync(ysbCampaignsPath(path))) {
    console.error(`Generating ${events.toLocaleString('en')} Yahoo benchmark ad events into ${path} (not timed)…`);
    await writeYsbFiles({ events: path, campaigns: ysbCampaignsPath(path) }, events);
  }
  return path;
}

function inputFile(events: number): string {
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `events-${events}.jsonl`);
  if (!existsSync(path)) {
    console.error(`Generating ${events.toLocaleString('en')} Nexmark events into ${path} (not timed)…`);
    writeKafkaJsonLines(generateEvents(nexmarkConfig(), 0, events), path);
  }
  return path;
}

function runSluice(args: readonly string[]): SluiceRun {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'bench/nexmark/sluice-runner.ts'), ...args], {
    cwd: REPO, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`Sluice run ${args.join(' ')} failed:\n${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as SluiceRun;
}

/** The median (the mean of the two middle values for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const n = (value: number): string => Math.round(value).toLocaleString('en');

function resultsMarkdown(results: readonly QueryResult[], alone: readonly SluiceRun[], events: number, runs: number): string {
  const lines = [
    `Nexmark, ${n(events)} events (the published DDL, views and queries; a JSON-lines file read by both engines;`,
    `\`ysb\`: the Yahoo streaming benchmark job over ${n(events)} ad events, bench/yahoo),`,
    `${runs} run${runs === 1 ? '' : 's'} per engine and query (median), alternating; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'},`,
    `${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; Flink ${results.find((r) => r.flink.length > 0)?.flink[0]?.flinkVersion ?? '(not run)'} at parallelism 2.`,
    '',
    '| query | Sluice events/s | Flink events/s | Sluice / Flink | Sluice events per CPU-s | Flink events per CPU-s | Sluice peak RSS | Flink peak RSS | Sluice emit latency p50 / p99 |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const sluice = median(r.sluice.map((x) => x.eventsPerSecond));
    const flink = r.flink.length > 0 ? median(r.flink.map((x) => x.eventsPerSecond)) : undefined;
    const latency = r.sluice.find((x) => x.emitLatencyMs)?.emitLatencyMs;
    lines.push(`| ${r.query} | ${n(sluice)} | ${flink === undefined ? '—' : n(flink)} | ${flink ? `${(sluice / flink).toFixed(2)}×` : '—'} | `
      + `${n(median(r.sluice.map((x) => x.eventsPerCpuSecond)))} | ${r.flink.length > 0 ? n(median(r.flink.map((x) => x.eventsPerCpuSecond))) : '—'} | `
      + `${Math.round(median(r.sluice.map((x) => x.peakRssMb)))} MB | ${r.flink.length > 0 ? `${Math.round(median(r.flink.map((x) => x.peakRssMb)))} MB` : '—'} | `
      + `${WINDOWED.has(r.query) && latency ? `${latency.p50} / ${latency.p99} ms (${latency.windows} windows)` : '—'} |`);
  }
  if (alone.length > 0) {
    lines.push('', 'Engine alone (the `bid` table as Arrow batches generated before the clock starts, one Node thread; 10M events by default so that the rate is the JIT-compiled steady state, not warm-up; the median of the runs, with the slowest and fastest):', '',
      '| query | bids | events/s (median) | slowest – fastest run | events per CPU-second (median) |', '|---|---|---|---|---|');
    for (const query of [...new Set(alone.map((run) => run.query))]) {
      const runsOf = alone.filter((run) => run.query === query);
      const rates = runsOf.map((run) => run.eventsPerSecond);
      lines.push(`| ${query} | ${n(runsOf[0]!.events)} | ${n(median(rates))} | ${n(Math.min(...rates))} – ${n(Math.max(...rates))} | ${n(median(runsOf.map((run) => run.eventsPerCpuSecond)))} |`);
    }
  }
  return lines.join('\n');
}

/** `resultsDate`: when the file runs were made, if before now (--engine-alone-only keeps them). */
function writeDocs(markdown: string, results: readonly QueryResult[], alone: readonly SluiceRun[], resultsDate?: string): void {
  const docPath = join(REPO, 'docs/benchmarks.md');
  const doc = readFileSync(docPath, 'utf8');
  const begin = '<!-- nexmark-results:begin -->';
  const end = '<!-- nexmark-results:end -->';
  const block = `${begin}\n${markdown}\n\n![Nexmark: Sluice and Flink, events/s](nexmark.png)\n${end}`;
  const updated = doc.includes(begin) ? doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), block) : `${doc.trimEnd()}\n\n## Nexmark: Sluice and Flink\n\n${block}\n`;
  writeFileSync(docPath, updated);
  const now = new Date().toISOString();
  const dates = { date: resultsDate ?? now, engineAloneDate: now };
  writeFileSync(join(REPO, 'docs/nexmark-results.json'), `${JSON.stringify({ ...dates, results, engineAlone: alone }, null, 2)}\n`);
  writeChartPng(join(REPO, 'docs/nexmark.png'), 'Nexmark on one machine: Sluice vs Apache Flink (events/s, median)', results.map((r) => ({
    query: r.query,
    sluice: median(r.sluice.map((x) => x.eventsPerSecond)),
    flink: r.flink.length > 0 ? median(r.flink.map((x) => x.eventsPerSecond)) : undefined,
  })));
}

/** The engine-alone runs: `runs` fresh processes per query over `events` events generated in memory. */
function engineAloneRuns(queries: readonly string[], events: string, runs: string): SluiceRun[] {
  const alone: SluiceRun[] = [];
  for (const query of queries) {
    for (let run = 0; run < Number(runs); run++) {
      alone.push(runSluice(['--query', query, '--engine-alone', '--events', events.replaceAll('_', '')]));
      console.error(`${query} engine alone: ${n(alone[alone.length - 1]!.eventsPerSecond)} events/s`);
    }
  }
  return alone;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      queries: { type: 'string', default: 'q0,q1,q2,q5,q7,q8,ysb' },
      runs: { type: 'string', default: '1' },
      'no-flink': { type: 'boolean', default: false },
      'engine-alone-events': { type: 'string', default: '10000000' },
      'engine-alone-runs': { type: 'string', default: '3' },
      'no-docs': { type: 'boolean', default: false },
      render: { type: 'boolean', default: false },
      'engine-alone-only': { type: 'boolean', default: false },
    },
  });
  if (values.render || values['engine-alone-only']) {
    // Rewrite the docs from the last run's raw results (docs/nexmark-results.json); with --engine-alone-only, after
    // new engine-alone runs (the file runs are kept).
    const saved = JSON.parse(readFileSync(join(REPO, 'docs/nexmark-results.json'), 'utf8')) as { date: string; results: QueryResult[]; engineAlone: SluiceRun[] };
    const alone = values.render ? saved.engineAlone : engineAloneRuns(['q0', 'q1', 'q2'], values['engine-alone-events'], values['engine-alone-runs']);
    const first = saved.results[0]?.sluice[0];
    const markdown = resultsMarkdown(saved.results, alone, first?.events ?? 0, saved.results[0]?.sluice.length ?? 0);
    console.log(markdown);
    if (!values['no-docs']) writeDocs(markdown, saved.results, alone, saved.date);
    return;
  }
  const events = Number(values.events.replaceAll('_', ''));
  const runs = Number(values.runs);
  const queries = values.queries.split(',').map((q) => q.trim()).filter((q) => q !== '');
  const results: QueryResult[] = [];
  for (const query of queries) {
    const input = query === YSB_QUERY ? await ysbInputFile(events) : inputFile(events);
    const sluice: SluiceRun[] = [];
    const flink: FlinkQueryRun[] = [];
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? ['sluice', 'flink'] : ['flink', 'sluice'];
      for (const engine of order) {
        if (engine === 'flink' && values['no-flink']) continue;
        if (engine === 'sluice') {
          // Both engines count the file's events (a query reading the table twice still has `events` inputs).
          const result = { ...runSluice(['--query', query, '--input', input]), events };
          sluice.push({ ...result, eventsPerSecond: Math.round(events / (result.elapsedMs / 1000)), eventsPerCpuSecond: Math.round(events / (result.cpuMs / 1000)) });
        } else {
          flink.push(await runFlinkQuery({ query, input, log: (line) => console.error(line) }));
        }
        const last = engine === 'sluice' ? sluice[sluice.length - 1]! : flink[flink.length - 1]!;
        console.error(`${query} ${engine}: ${n(last.eventsPerSecond)} events/s, peak RSS ${last.peakRssMb} MB`);
      }
    }
    results.push({ query, sluice, flink });
  }
  const alone = engineAloneRuns(queries.filter((q) => ['q0', 'q1', 'q2'].includes(q)), values['engine-alone-events'], values['engine-alone-runs']);
  const markdown = resultsMarkdown(results, alone, events, runs);
  console.log(markdown);
  if (!values['no-docs']) writeDocs(markdown, results, alone);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
