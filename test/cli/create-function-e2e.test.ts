/**
 * The real `sluice` command with CREATE FUNCTION … LANGUAGE JAVASCRIPT: a relative module path resolves against the
 * script's directory for `sluice run file.sql` (the command runs elsewhere) and against the working directory for
 * `sluice -e`. Built dist/ is used, as in e2e.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureCliBuilt } from '../support/cli-build.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repoRoot, 'bin', 'sluice.js');

function sluice(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } });
}

describe('sluice: CREATE FUNCTION … LANGUAGE JAVASCRIPT (end to end)', () => {
  let work = '';

  before(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'sluice-function-e2e-'));
    mkdirSync(join(work, 'jobs', 'udf'), { recursive: true });
    writeFileSync(join(work, 'jobs', 'udf', 'shout.mjs'), "export default { parameters: ['STRING'], returns: 'STRING', eval: (s) => (s === null ? null : `${s}!`) };\n");
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('sluice run: the module path starts at the script\'s directory; SHOW USER FUNCTIONS lists it', () => {
    const file = join(work, 'jobs', 'job.sql');
    writeFileSync(file, "CREATE FUNCTION shout AS 'udf/shout.mjs' LANGUAGE JAVASCRIPT;\nSHOW USER FUNCTIONS;\nSELECT shout('hey') AS s;\n");
    const run = sluice(['run', file], work);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /\[INFO\] Function 'shout' created\./);
    assert.match(run.stdout, /\| shout +\|/);
    assert.match(run.stdout, /\| hey! \|/);
  });

  it('sluice -e: the module path starts at the working directory; a Java class is refused at its position', () => {
    const run = sluice(['-e', "CREATE FUNCTION shout AS 'jobs/udf/shout.mjs' LANGUAGE JAVASCRIPT; SELECT shout('a') AS s"], work);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\| a! \|/);
    const java = sluice(['-e', "CREATE FUNCTION f AS 'com.example.F'"], work);
    assert.notEqual(java.status, 0);
    assert.match(java.stderr, /CREATE FUNCTION with a 'com\.example\.F' class \(Flink's default LANGUAGE JAVA\) is not supported yet: Sluice runs JavaScript functions; .* at 1:22/);
  });
});
