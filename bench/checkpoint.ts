/**
 * Checkpoint benchmark: an unbounded GROUP BY over `keys` distinct keys (datagen, `rows` rows, key = row number
 * modulo `keys`) into a blackhole, with checkpoints every `interval` ms, on each state backend. Prints one line of
 * JSON per backend: events/s, checkpoints completed, the longest pause of the sources for one checkpoint, peak
 * RSS and heap — against the same job without checkpoints.
 *
 *   npm run bench:checkpoint                                 # 1M keys, 2M rows, 1 s interval
 *   npm run bench:checkpoint -- --keys 10000000 --rows 10000000 --backend sqlite --baseline false
 * Peak RSS is the process's: run one configuration per process for a clean number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../src/index.js';
import type { JobSummary } from '../src/session/api-types.js';

const { values } = parseArgs({
  options: {
    keys: { type: 'string', default: '1000000' },
    rows: { type: 'string', default: '2000000' },
    interval: { type: 'string', default: '1000' },
    backend: { type: 'string', default: 'memory,sqlite' },
    baseline: { type: 'string', default: 'true' },
  },
});

function jobSql(rows: number, keys: number): string {
  return `
CREATE TABLE events (id BIGINT, amount INT) WITH (
  'connector' = 'datagen', 'number-of-rows' = '${rows}', 'rows-per-second' = '1000000000', 'seed' = '1',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '${rows}',
  'fields.amount.min' = '1', 'fields.amount.max' = '100');
CREATE TABLE totals (k BIGINT, cnt BIGINT, total BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO totals SELECT id % ${keys}, COUNT(*), SUM(CAST(amount AS BIGINT)) FROM events GROUP BY id % ${keys};`;
}

async function run(backend: string, checkpointing: boolean, rows: number, keys: number, intervalMs: number): Promise<Record<string, unknown>> {
  const stateDir = mkdtempSync(join(tmpdir(), 'sluice-bench-checkpoint-'));
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 100);
  const engine = new Engine({
    config: {
      'state.backend': backend,
      'state.dir': stateDir,
      'pipeline.name': `bench-${backend}`,
      ...(checkpointing ? { 'execution.checkpointing.interval': `${intervalMs} ms` } : {}),
    },
  });
  let summary: JobSummary | undefined;
  try {
    for await (const { result } of engine.executeScript(jobSql(rows, keys))) if (result.kind === 'job') summary = await result.job.done();
  } finally {
    clearInterval(sampler);
    await engine.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
  const elapsedMs = summary?.elapsedMs ?? 0;
  return {
    benchmark: 'checkpoint-group-by',
    backend,
    checkpointing,
    rows,
    keys,
    intervalMs: checkpointing ? intervalMs : null,
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? Math.round((rows * 1000) / elapsedMs) : 0,
    checkpoints: summary?.checkpoints?.completed ?? 0,
    maxPauseMs: summary?.checkpoints ? Math.round(summary.checkpoints.maxPauseMs) : null,
    peakHeapMb: Math.round(peakHeap / 2 ** 20),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const rows = Number(values.rows);
const keys = Number(values.keys);
for (const backend of values.backend.split(',')) {
  if (values.baseline === 'true') process.stdout.write(`${JSON.stringify(await run(backend, false, rows, keys, 0))}\n`);
  process.stdout.write(`${JSON.stringify(await run(backend, true, rows, keys, Number(values.interval)))}\n`);
}
