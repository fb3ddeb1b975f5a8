/**
 * Without a terminal the shell stays out of the way: `echo "SELECT …;" | sluice` and `sluice < job.sql` run the
 * statements and print plain text (no prompt, no ink escape codes). Runs the real binary over dist/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureCliBuilt } from '../support/cli-build.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repoRoot, 'bin', 'sluice.js');
const bids = join(repoRoot, 'examples', 'bids', 'bids.json');
const SCRIPT =
  `CREATE TABLE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING) WITH ('connector' = 'filesystem', 'path' = '${bids}', 'format' = 'json');\n` +
  'SELECT item, COUNT(*) AS n FROM Bid GROUP BY item;\n';

function assertPlain(stdout: string, stderr: string): void {
  assert.doesNotMatch(stdout + stderr, /\u001b/, 'no escape codes');
  assert.doesNotMatch(stdout, /sluice>/, 'no prompt');
  assert.match(stdout, /\| item \| +n \|/);
  assert.match(stdout, /rows? in set/);
}

describe('sluice without a terminal', () => {
  before(() => {
    ensureCliBuilt();
  });

  it('runs SQL piped into stdin as plain text', () => {
    const run = spawnSync(process.execPath, [bin], { input: SCRIPT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } });
    assert.equal(run.status, 0, run.stderr);
    assertPlain(run.stdout, run.stderr);
  });

  it('runs a file redirected to stdin as plain text', () => {
    const directory = mkdtempSync(join(tmpdir(), 'sluice-pipe-'));
    const file = join(directory, 'job.sql');
    writeFileSync(file, SCRIPT);
    const fd = openSync(file, 'r');
    try {
      const run = spawnSync(process.execPath, [bin], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } });
      assert.equal(run.status, 0, run.stderr);
      assertPlain(run.stdout, run.stderr);
    } finally {
      closeSync(fd);
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
