/**
 * The short chaos test (the full one is `npm run chaos`): the real CLI process runs a checkpointed job — a windowed
 * aggregation into a filesystem sink and an unbounded GROUP BY into a SQLite sink — and is killed with SIGKILL at
 * every named failpoint and at random moments, restarted each time; what it committed must equal a failure-free
 * run, with zero lost and zero duplicated rows. Needs the build (`npm test` builds first).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAOS_FAILPOINTS, formatChaosReport, runChaos } from '../../scripts/chaos/run-chaos.js';
import { cliBuilt } from '../support/cli-build.js';

for (const backend of ['memory', 'sqlite'] as const) {
  test(`SIGKILL at every failpoint and at random moments loses and duplicates nothing (${backend} state)`, { skip: cliBuilt() ? false : 'run npm run build first' }, async () => {
    const report = await runChaos({
      workDir: join(tmpdir(), `sluice-chaos-test-${process.pid}-${backend}`),
      events: 60_000,
      kills: 4,
      failpoints: CHAOS_FAILPOINTS,
      intervalMs: 150,
      backend,
      killWindowMs: [500, 1500],
      seed: backend === 'memory' ? 3 : 5,
    });
    const lines = formatChaosReport(report);
    console.log(lines.join('\n'));
    assert.ok(report.windowRows > 0 && report.totalRows > 0, 'the job produced output');
    assert.deepEqual({ lost: report.windows.lost, duplicated: report.windows.duplicated }, { lost: 0, duplicated: 0 }, lines.join('\n'));
    assert.deepEqual({ lost: report.totals.lost, duplicated: report.totals.duplicated }, { lost: 0, duplicated: 0 }, lines.join('\n'));
    assert.deepEqual(report.leftovers, []);
    assert.ok(report.failpointKills.length + report.randomKills >= 4, `at least 4 kills landed: ${lines[0]}`);
  });
}
