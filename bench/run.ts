/**
 * Throughput benchmark: runs the datagen example job (examples/datagen/windowed-bids.sql) in-process for N rows
 * and prints one line of JSON: rows, elapsed time, events/s and peak RSS.
 *
 *   npm run bench               # 1,000,000 rows
 *   npm run bench -- 200000     # another row count
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/index.js';
import type { JobSummary } from '../src/session/api-types.js';

const DEFAULT_ROWS = 1_000_000;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const examplePath = join(repoRoot, 'examples', 'datagen', 'windowed-bids.sql');

export interface BenchmarkResult {
  readonly benchmark: string;
  readonly rows: number;
  readonly recordsIn: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  readonly peakRssMb: number;
  readonly lateRecords: number;
  readonly node: string;
  readonly platform: string;
}

/** The example's SQL with its row count (and the id sequence that bounds it) set to `rows`. */
export function withRowCount(sql: string, rows: number): string {
  return sql
    .replace(/'number-of-rows'\s*=\s*'\d+'/, `'number-of-rows' = '${rows}'`)
    .replace(/'fields\.bid_id\.end'\s*=\s*'\d+'/, `'fields.bid_id.end' = '${rows}'`);
}

export async function runBenchmark(rows: number): Promise<BenchmarkResult> {
  const sql = withRowCount(readFileSync(examplePath, 'utf8'), rows);
  const engine = new Engine({ baseDirectory: repoRoot });
  let summary: JobSummary | undefined;
  const started = performance.now();
  try {
    for await (const { result } of engine.executeScript(sql)) {
      if (result.kind === 'job') summary = await result.job.done();
    }
  } finally {
    await engine.close();
  }
  const elapsedMs = summary?.elapsedMs ?? performance.now() - started;
  const recordsIn = summary?.recordsIn ?? 0;
  return {
    benchmark: 'datagen-tumble-count-sum',
    rows,
    recordsIn,
    elapsedMs: Math.round(elapsedMs),
    eventsPerSecond: elapsedMs > 0 ? Math.round((recordsIn * 1000) / elapsedMs) : 0,
    // maxRSS is in kilobytes on Linux and macOS.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    lateRecords: summary?.tables.reduce((sum, table) => sum + table.lateRecords, 0) ?? 0,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

function parseRows(argument: string | undefined): number {
  if (argument === undefined) return DEFAULT_ROWS;
  const rows = Number(argument.replace(/[_,]/g, ''));
  if (!Number.isInteger(rows) || rows <= 0) {
    process.stderr.write(`usage: npm run bench -- [rows]   (a positive integer, got '${argument}')\n`);
    process.exit(2);
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runBenchmark(parseRows(process.argv[2]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
