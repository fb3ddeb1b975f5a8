/**
 * `npm run chaos`: the full chaos test (1M events, ≥ 20 random SIGKILLs plus every failpoint, both state
 * backends); prints the numbers and exits non-zero on any lost or duplicated row.
 *   npm run chaos -- --events 1000000 --kills 24 --backend memory,sqlite --interval 1000
 */
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAOS_FAILPOINTS, formatChaosReport, runChaos } from './chaos/run-chaos.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    kills: { type: 'string', default: '24' },
    backend: { type: 'string', default: 'memory,sqlite' },
    interval: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '11' },
    dir: { type: 'string', default: join(tmpdir(), 'sluice-chaos') },
  },
});

let failed = false;
for (const backend of values.backend.split(',') as ('memory' | 'sqlite')[]) {
  const report = await runChaos({
    workDir: join(values.dir, backend),
    events: Number(values.events),
    kills: Number(values.kills),
    failpoints: CHAOS_FAILPOINTS,
    intervalMs: Number(values.interval),
    backend,
    killWindowMs: [1200, 2500],
    seed: Number(values.seed),
    log: (line) => console.log(`  ${line}`),
  });
  for (const line of formatChaosReport(report)) console.log(line);
  if (report.windows.lost + report.windows.duplicated + report.totals.lost + report.totals.duplicated > 0 || report.leftovers.length > 0) failed = true;
}
process.exit(failed ? 1 : 0);
