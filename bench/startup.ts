/**
 * Start-up cost: building the SQL parser (chevrotain analyses the grammar when it is constructed — a careless
 * alternative once made that 3.7 s), and the CLI's wall time for `--version` and a one-row query.
 *
 *   npm run bench:startup            # median of 5 runs each; needs `npm run build` (the CLI runs dist/)
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqlParser } from '../src/parser/parser.js';

const RUNS = 5;
const cli = resolve(import.meta.dirname, '../bin/sluice.js');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function cliMs(args: readonly string[]): number {
  return median(Array.from({ length: RUNS }, () => timed(() => {
    const child = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`sluice ${args.join(' ')} failed: ${child.stderr}`);
  })));
}

const parserMs = median(Array.from({ length: RUNS }, () => timed(() => new SqlParser())));
const results = {
  parserConstructionMs: Math.round(parserMs),
  cliVersionMs: Math.round(cliMs(['--version'])),
  cliSelectOneMs: Math.round(cliMs(['-e', 'SELECT 1'])),
  node: process.version,
};
process.stdout.write(`${JSON.stringify(results)}\n`);
