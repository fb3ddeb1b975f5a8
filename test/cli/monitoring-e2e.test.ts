/**
 * `sluice run examples/monitoring/live-bids.sql --set rest.port=0`: the CLI (the built bundle) starts the REST server, says where, serves the
 * dashboard's files and the running job, and stops on Ctrl-C.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { cliBuilt, REPO_ROOT, SLUICE_BIN } from '../support/cli-build.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'monitoring', 'live-bids.sql');

test('sluice run --set rest.port=0 serves the dashboard and the running job until Ctrl-C', { skip: cliBuilt() ? false : 'run npm run build first', timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-rest-cli-'));
  const child = spawn(process.execPath, [SLUICE_BIN, 'run', EXAMPLE, '--set', 'rest.port=0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    let url: string | undefined;
    for (let i = 0; i < 200 && url === undefined; i++) {
      url = /\[INFO\] Dashboard, REST API and Prometheus metrics at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1];
      if (url === undefined) await sleep(50);
    }
    assert.ok(url, `the CLI says where the server is:\n${stderr}`);
    assert.match(await (await fetch(url)).text(), /<title>Sluice<\/title>/);
    assert.match(await (await fetch(`${url}dashboard.js`)).text(), /function renderGraph/);
    let jobs: { name: string; status: string; recordsIn: number }[] = [];
    for (let i = 0; i < 100 && !(jobs[0]?.recordsIn ?? 0); i++) {
      jobs = ((await (await fetch(`${url}api/v1/jobs`)).json()) as { jobs: typeof jobs }).jobs;
      await sleep(50);
    }
    assert.equal(jobs[0]?.name, 'insert-into_busiest_auctions');
    assert.equal(jobs[0]?.status, 'running');
    assert.ok(jobs[0]!.recordsIn > 0);
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 130, stderr);
});
