/**
 * Runs one Nexmark query (or the Yahoo streaming benchmark, `ysb`) on Apache Flink 1.20 over one JSON-lines file and measures it: the Java runner in
 * `bench/flink/` (built with Maven on first use; the first build downloads Flink into ~/.m2) is started in a JVM of
 * its own per run, runs the query in a local mini-cluster at parallelism 2, and answers with one JSON line; this
 * side adds the JVM's peak resident set.
 *
 *   node --import tsx bench/flink-runner.ts events.jsonl q0 q1 q2 [--parallelism=2] [--heap=1g] [--parts=1] [--print]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { NexmarkScriptOptions } from './flink/nexmark-script.js';
import { benchmarkScript } from './job-script.js';
import { YSB_QUERY } from './yahoo/script.js';
import { splitJsonLines } from './flink/split-input.js';

export const FLINK_BENCH_DIR = resolve(import.meta.dirname, 'flink');
const CLASSES = join(FLINK_BENCH_DIR, 'target/classes');
const CLASSPATH_FILE = join(FLINK_BENCH_DIR, 'target/classpath.txt');
const MAIN_CLASS = 'dev.sluice.bench.FlinkBenchMain';
const RSS_POLL_MS = 50;
/** A print sink's row at parallelism > 1: `2> +I[…]`. */
const PRINTED_ROW = /^(?:\d+> )?[+-][IUD]\[/;

export class FlinkBenchError extends Error {
  override readonly name = 'FlinkBenchError';
}

/** One measured run. */
export interface FlinkQueryRun {
  readonly query: string;
  readonly input: string;
  /** The number of files the input was cut into before the run (1: read as it is, by one source reader). */
  readonly inputParts: number;
  /** Lines of the input file: one event each. */
  readonly events: number;
  /** From the job's submission (executeSql returned) to its end (the job's result came back). */
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  /** The JVM's peak resident set (VmHWM), in MiB. */
  readonly peakRssMb: number;
  /** Planning, code generation, mini-cluster start and submission of the INSERT: before the clock starts. */
  readonly planAndSubmitMs: number;
  /** Flink's own net runtime of the job (JobExecutionResult). */
  readonly netRuntimeMs: number;
  /** CPU time (user + system, all the JVM's threads) used while `elapsedMs` ran: what the job cost in cores. */
  readonly cpuMs: number;
  /** events / `cpuMs`: throughput per busy core, less sensitive than events/s to other work on the machine. */
  readonly eventsPerCpuSecond: number;
  /** The JVM's uptime when it answered: start-up, DDL, planning, the job and all. */
  readonly jvmMs: number;
  readonly parallelism: number;
  readonly flinkVersion: string;
  /** Rows the print sink wrote (runs with `sink: 'print'` only). */
  readonly printedRows?: number;
}

export interface FlinkQueryOptions extends NexmarkScriptOptions {
  /** Default 2: `parallelism.default` and `table.exec.resource.default-parallelism`. */
  readonly parallelism?: number;
  /** The JVM's maximum heap (`-Xmx`), e.g. '2g'; default the 1 GiB of bench/flink/jvm.options. */
  readonly heap?: string;
  /**
   * Cut the input into this many line-aligned files in a temp folder first (not timed), so that every source
   * reader parses: Flink reads one local file as one split, by one reader. Default 1: the file as it is.
   */
  readonly inputParts?: number;
  readonly log?: (line: string) => void;
}

interface RunnerAnswer {
  readonly ok: boolean;
  readonly error?: string;
  readonly input: string;
  readonly query: string;
  readonly events: number;
  readonly elapsedMs: number;
  readonly planAndSubmitMs: number;
  readonly netRuntimeMs: number;
  readonly cpuMs: number;
  readonly jvmMs: number;
  readonly peakRssKb: number;
  readonly parallelism: number;
  readonly flinkVersion: string;
}

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles the runner and writes its classpath unless both are newer than the Java sources and the pom. */
export function ensureFlinkBenchBuilt(log: (line: string) => void = () => {}): void {
  const marker = join(CLASSES, 'dev/sluice/bench/FlinkBenchMain.class');
  const pomTime = statSync(join(FLINK_BENCH_DIR, 'pom.xml')).mtimeMs;
  const sourcesTime = Math.max(newestSourceTime(join(FLINK_BENCH_DIR, 'src')), pomTime);
  if (existsSync(marker) && existsSync(CLASSPATH_FILE) && statSync(marker).mtimeMs >= sourcesTime
    && statSync(CLASSPATH_FILE).mtimeMs >= pomTime) return;
  log('Building the Flink benchmark runner (the first build downloads Flink 1.20 into ~/.m2: about 145 MB)…');
  const build = spawnSync('mvn', ['-B', '-q', 'compile', 'dependency:build-classpath', `-Dmdep.outputFile=${CLASSPATH_FILE}`],
    { cwd: FLINK_BENCH_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (build.error) throw new FlinkBenchError(`Could not run mvn (is Maven installed?): ${build.error.message}`);
  if (build.status !== 0) throw new FlinkBenchError(`Maven build of the Flink benchmark runner failed:\n${build.stdout}\n${build.stderr}`);
}

/** VmHWM of a live process in kB, or 0 once it is gone. */
function peakRssKbOf(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs `options.query` on Flink over `options.input` in a fresh JVM and measures it. */
export async function runFlinkQuery(options: FlinkQueryOptions): Promise<FlinkQueryRun> {
  const parallelism = options.parallelism ?? 2;
  const inputParts = options.inputParts ?? 1;
  if (!Number.isInteger(parallelism) || parallelism < 1) throw new FlinkBenchError(`Not a parallelism: ${parallelism}`);
  if (!Number.isInteger(inputParts) || inputParts < 1) throw new FlinkBenchError(`Not a number of input parts: ${inputParts}`);
  if (options.heap !== undefined && !/^\d+[kmgKMG]?$/.test(options.heap)) throw new FlinkBenchError(`Not a heap size: '${options.heap}'`);
  if (options.query === YSB_QUERY && inputParts > 1) throw new FlinkBenchError('The Yahoo benchmark reads its campaigns beside the events file: --parts must be 1');
  ensureFlinkBenchBuilt(options.log);
  const scratch = mkdtempSync(join(tmpdir(), 'sluice-flink-bench-'));
  try {
    let source = resolve(options.input);
    if (inputParts > 1) {
      source = join(scratch, 'input');
      await splitJsonLines(options.input, source, inputParts);
    }
    const scriptPath = join(scratch, `${options.query}.sql`);
    writeFileSync(scriptPath, benchmarkScript({ ...options, input: source }));
    const classpath = `${CLASSES}:${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
    const heap = options.heap === undefined ? [] : [`-Xmx${options.heap}`];
    const args = [`@${join(FLINK_BENCH_DIR, 'jvm.options')}`, ...heap, '-cp', classpath, MAIN_CLASS,
      '--script', scriptPath, '--input', source, '--query', options.query, '--parallelism', String(parallelism)];
    const { answer, stderrTail, printedRows, polledPeakRssKb } = await runJvm(args);
    if (!answer?.ok) {
      throw new FlinkBenchError(`Flink could not run ${options.query}: ${answer?.error ?? 'no answer from the JVM'}\n${stderrTail}`);
    }
    const peakRssKb = Math.max(answer.peakRssKb, polledPeakRssKb);
    return {
      query: answer.query,
      input: resolve(options.input),
      inputParts,
      events: answer.events,
      elapsedMs: answer.elapsedMs,
      eventsPerSecond: answer.elapsedMs > 0 ? Math.round((answer.events * 1000) / answer.elapsedMs) : 0,
      peakRssMb: Math.round(peakRssKb / 1024),
      planAndSubmitMs: answer.planAndSubmitMs,
      netRuntimeMs: answer.netRuntimeMs,
      cpuMs: answer.cpuMs,
      eventsPerCpuSecond: answer.cpuMs > 0 ? Math.round((answer.events * 1000) / answer.cpuMs) : 0,
      jvmMs: answer.jvmMs,
      parallelism: answer.parallelism,
      flinkVersion: answer.flinkVersion,
      ...(options.sink === 'print' ? { printedRows } : {}),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface JvmOutcome {
  readonly answer: RunnerAnswer | undefined;
  readonly stderrTail: string;
  readonly printedRows: number;
  readonly polledPeakRssKb: number;
}

/** Starts the runner's JVM, samples its VmHWM while it lives, and collects its answer line. */
function runJvm(args: readonly string[]): Promise<JvmOutcome> {
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let polledPeakRssKb = 0;
  const sample = (): void => {
    if (child.pid !== undefined) polledPeakRssKb = Math.max(polledPeakRssKb, peakRssKbOf(child.pid));
  };
  const poller = setInterval(sample, RSS_POLL_MS);
  let stdout = '';
  let stderrTail = '';
  let printedRows = 0;
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (PRINTED_ROW.test(line)) printedRows++;
    else stderrTail = `${stderrTail}${line}\n`.slice(-4000);
  });
  return new Promise((resolveOutcome, reject) => {
    child.on('error', (error) => {
      clearInterval(poller);
      reject(new FlinkBenchError(`Could not start java (is Java 17 installed?): ${error.message}`));
    });
    child.on('close', () => {
      clearInterval(poller);
      const last = stdout.trim().split('\n').pop() ?? '';
      let answer: RunnerAnswer | undefined;
      try {
        answer = last ? JSON.parse(last) as RunnerAnswer : undefined;
      } catch {
        answer = undefined;
      }
      resolveOutcome({ answer, stderrTail, printedRows, polledPeakRssKb });
    });
  });
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = argv.filter((arg) => arg.startsWith('--'));
  const [input, ...queries] = argv.filter((arg) => !arg.startsWith('--'));
  if (input === undefined || queries.length === 0) {
    process.stderr.write('usage: node --import tsx bench/flink-runner.ts EVENTS.jsonl q0 [q1 …] [--parallelism=2] [--heap=1g] [--parts=1] [--print]\n');
    process.exit(2);
  }
  const parallelismFlag = flags.find((flag) => flag.startsWith('--parallelism='));
  const parallelism = parallelismFlag === undefined ? 2 : Number(parallelismFlag.slice('--parallelism='.length));
  const sink = flags.includes('--print') ? 'print' : 'blackhole';
  const heap = flags.find((flag) => flag.startsWith('--heap='))?.slice('--heap='.length);
  const partsFlag = flags.find((flag) => flag.startsWith('--parts='));
  const inputParts = partsFlag === undefined ? 1 : Number(partsFlag.slice('--parts='.length));
  for (const query of queries) {
    const run = await runFlinkQuery({ query, input, parallelism, sink, heap, inputParts, log: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(`${JSON.stringify(run)}\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
