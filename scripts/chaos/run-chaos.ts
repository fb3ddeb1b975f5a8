/**
 * The chaos test: runs the chaos job (job.ts) once without failures (the reference), then again while killing it
 * with SIGKILL — at random moments and at named failpoints (src/runtime/checkpoint/failpoints.ts) — restarting it
 * after every kill, until it finishes. The committed output must equal the reference: zero lost and zero
 * duplicated rows, no in-progress files left.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeChaosEvents } from './dataset.js';
import { chaosJobSql, type ChaosJobPaths } from './job.js';
import { compareRows, readCommitted, type Difference } from './output.js';

const SLUICE = resolve(fileURLToPath(new URL('../../bin/sluice.js', import.meta.url)));

/** Every failpoint, with the hit at which it fires. */
export const CHAOS_FAILPOINTS: readonly string[] = [
  'source-mid-batch@3',
  'barrier-injected@1',
  'checkpoint-before-commit@2',
  'checkpoint-after-commit@1',
  'sink-commit@2',
  'restore@1',
];

export interface ChaosOptions {
  readonly workDir: string;
  readonly events: number;
  /** Random SIGKILLs (besides the failpoints). */
  readonly kills: number;
  readonly failpoints: readonly string[];
  readonly intervalMs: number;
  readonly backend: 'memory' | 'sqlite';
  /** Random kills land between these many ms after the process starts. */
  readonly killWindowMs: readonly [number, number];
  readonly seed: number;
  readonly log?: (line: string) => void;
}

export interface ChaosReport {
  readonly events: number;
  readonly backend: string;
  readonly processes: number;
  readonly randomKills: number;
  readonly failpointKills: readonly string[];
  /** Disruptions planned but not applied because the job had already finished. */
  readonly unused: number;
  readonly windowRows: number;
  readonly totalRows: number;
  readonly windows: Difference;
  readonly totals: Difference;
  readonly leftovers: readonly string[];
  readonly referenceMs: number;
  readonly chaosMs: number;
}

/**
 * A kill: at a failpoint, or at `afterMs` after the start — a failpoint run also has the timer, so a failpoint that is
 * not reached (no checkpoint to restore yet, say) still ends in a kill rather than letting the job finish early.
 */
type Disruption = { readonly kind: 'kill'; readonly afterMs: number } | { readonly kind: 'failpoint'; readonly spec: string; readonly afterMs: number };

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  rmSync(options.workDir, { recursive: true, force: true });
  mkdirSync(options.workDir, { recursive: true });
  const events = join(options.workDir, 'events.jsonl');
  await writeChaosEvents(events, options.events, options.seed);

  const referenceStarted = Date.now();
  const reference = paths(options.workDir, 'reference', events);
  const referenceRun = await runJob(options, reference, undefined);
  if (referenceRun.code !== 0) throw new Error(`the reference run failed (exit ${referenceRun.code}); see ${reference.log}`);
  const expected = readCommitted(reference.windows, reference.totals);
  const referenceMs = Date.now() - referenceStarted;
  log(`reference: ${expected.windowRows.length} window rows, ${expected.totalRows.length} total rows in ${referenceMs} ms`);

  const chaosStarted = Date.now();
  // A chaos run whose first process finished before any disruption landed (the machine was quicker than during the
  // reference run) tested nothing: it starts over from nothing with the disruptions twice as early, up to 3 times.
  let outcome = await disruptedRun(options, events, referenceMs, 1);
  for (let attempt = 1; attempt < 3 && outcome.randomKills + outcome.failpointKills.length === 0; attempt++) {
    log(`no disruption landed before the job finished: starting over with disruptions ${2 ** attempt}x earlier`);
    rmSync(join(options.workDir, 'chaos'), { recursive: true, force: true });
    outcome = await disruptedRun(options, events, referenceMs, 0.5 ** attempt);
  }
  const { chaos, processes, randomKills, failpointKills, unused } = outcome;
  const actual = readCommitted(chaos.windows, chaos.totals);
  const report: ChaosReport = {
    events: options.events,
    backend: options.backend,
    processes,
    randomKills,
    failpointKills,
    unused,
    windowRows: expected.windowRows.length,
    totalRows: expected.totalRows.length,
    windows: compareRows(expected.windowRows, actual.windowRows),
    totals: compareRows(expected.totalRows, actual.totalRows),
    leftovers: actual.leftovers,
    referenceMs,
    chaosMs: Date.now() - chaosStarted,
  };
  return report;
}

interface DisruptedRun {
  readonly chaos: RunPaths;
  readonly processes: number;
  readonly randomKills: number;
  readonly failpointKills: readonly string[];
  readonly unused: number;
}

/** The job run to its end through the planned disruptions (their times scaled by `scale`), restarted after each kill. */
async function disruptedRun(options: ChaosOptions, events: string, referenceMs: number, scale: number): Promise<DisruptedRun> {
  const log = options.log ?? (() => undefined);
  const chaos = paths(options.workDir, 'chaos', events);
  const random = seeded(options.seed);
  // Disruptions must land while the job runs: a window reaching past 60% of the failure-free run (process start-up
  // included) is scaled down to it, so a faster engine or machine still gets killed mid-run.
  const latest = Math.min(options.killWindowMs[1], referenceMs * 0.6) * scale;
  const earliest = Math.min(options.killWindowMs[0], latest * 0.4);
  const killAt = (): number => earliest + random() * (latest - earliest);
  const plan: Disruption[] = [
    // A failpoint kills at its point; the fallback kill (a point not reached, e.g. 'restore' in a fresh process) comes later.
    ...options.failpoints.map((spec): Disruption => ({ kind: 'failpoint', spec, afterMs: Math.min(killAt() * 3, referenceMs * 0.9 * scale) })),
    ...Array.from({ length: options.kills }, (): Disruption => ({ kind: 'kill', afterMs: killAt() })),
  ];
  shuffle(plan, random);
  let processes = 0;
  let randomKills = 0;
  const failpointKills: string[] = [];
  let finished = false;
  let unused = 0;
  for (const disruption of plan) {
    if (finished) {
      unused++;
      continue;
    }
    processes++;
    const run = await runJob(options, chaos, disruption);
    if (run.killed) {
      if (run.atFailpoint) failpointKills.push(disruption.kind === 'failpoint' ? disruption.spec : '?');
      else randomKills++;
      log(`process ${processes}: killed (${run.atFailpoint && disruption.kind === 'failpoint' ? `failpoint ${disruption.spec}` : `after ${Math.round(disruption.afterMs)} ms`})`);
      continue;
    }
    if (run.code !== 0) throw new Error(`process ${processes} failed (exit ${run.code}); see ${chaos.log}`);
    log(`process ${processes}: finished before its disruption (${disruption.kind === 'kill' ? 'kill' : disruption.spec})`);
    finished = true;
  }
  while (!finished) {
    processes++;
    const run = await runJob(options, chaos, undefined);
    if (run.code !== 0) throw new Error(`the final restart failed (exit ${run.code}); see ${chaos.log}`);
    finished = true;
  }
  return { chaos, processes, randomKills, failpointKills, unused };
}

interface RunPaths extends ChaosJobPaths {
  readonly job: string;
  readonly log: string;
}

function paths(workDir: string, name: string, events: string): RunPaths {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  return { events, windows: join(dir, 'windows'), totals: join(dir, 'totals.db'), state: join(dir, 'state'), job: join(dir, 'job.sql'), log: join(dir, 'runs.log') };
}

async function runJob(options: ChaosOptions, run: RunPaths, disruption: Disruption | undefined): Promise<{ code: number | null; killed: boolean; atFailpoint: boolean }> {
  writeFileSync(run.job, chaosJobSql(run, options.intervalMs, options.backend));
  const env = { ...process.env };
  delete env['SLUICE_FAILPOINT'];
  if (disruption?.kind === 'failpoint') env['SLUICE_FAILPOINT'] = disruption.spec;
  const child = spawn(process.execPath, [SLUICE, 'run', run.job], { cwd: options.workDir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = disruption ? setTimeout(() => child.kill('SIGKILL'), disruption.afterMs) : undefined;
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('exit', (c, s) => done([c, s])));
  clearTimeout(timer);
  appendFileSync(run.log, `--- ${disruption ? JSON.stringify(disruption) : 'no disruption'}: exit ${code} ${signal ?? ''}\n${stderr}\n`);
  return { code, killed: signal === 'SIGKILL', atFailpoint: stderr.includes('failpoint') && stderr.includes('reached') };
}

function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

export function formatChaosReport(report: ChaosReport): string[] {
  return [
    `chaos (${report.backend} state): ${report.events} events, ${report.processes} processes, ${report.randomKills} random SIGKILLs, ` +
      `${report.failpointKills.length} failpoint kills (${report.failpointKills.join(', ') || 'none'})${report.unused > 0 ? `, ${report.unused} disruptions unused (job had finished)` : ''}`,
    `  windows (filesystem sink): ${report.windowRows} rows expected; lost ${report.windows.lost}, duplicated ${report.windows.duplicated}`,
    `  totals (sqlite sink, upsert): ${report.totalRows} rows expected; lost ${report.totals.lost}, duplicated ${report.totals.duplicated}`,
    `  in-progress files left: ${report.leftovers.length}; reference run ${(report.referenceMs / 1000).toFixed(1)} s, chaos run ${(report.chaosMs / 1000).toFixed(1)} s`,
    ...[...report.windows.examples, ...report.totals.examples].map((e) => `  ${e}`),
  ];
}
