/**
 * Savepoints through the real CLI: `sluice savepoint <job>` asks a running `sluice run` process for a savepoint (by
 * signal) and prints its path; `--dry-run --from-savepoint` says what each stateful operator would get, and a
 * changed aggregation shows as dropped state (exit code 1); `--from-savepoint` resumes.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { cliBuilt } from '../support/cli-build.js';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'sluice.js');

function job(aggregates: string): string {
  return `
SET 'execution.checkpointing.interval' = '100 ms';
SET 'pipeline.name' = 'counts';
CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '2000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000000');
CREATE TABLE counts (k BIGINT, n BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'sqlite', 'path' = 'counts.db');
INSERT INTO counts SELECT id % 5, ${aggregates} FROM src GROUP BY id % 5;`;
}

function sluice(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('sluice savepoint, then --dry-run and --from-savepoint', { skip: cliBuilt() ? false : 'run npm run build first', timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-savepoint-cli-'));
  writeFileSync(join(dir, 'job.sql'), job('COUNT(*)'));
  writeFileSync(join(dir, 'changed.sql'), job('SUM(id)'));
  const running = spawn(process.execPath, [bin, 'run', 'job.sql'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  running.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const lock = join(dir, '.sluice', 'state', 'counts', 'job.lock');
    for (let i = 0; i < 200 && !existsSync(lock); i++) await sleep(50);
    await sleep(500);
    const savepoint = sluice(dir, ['savepoint', 'counts']);
    assert.equal(savepoint.status, 0, savepoint.stderr);
    const path = savepoint.stdout.trim();
    assert.match(path, /savepoints\/savepoint-counts-\d+-\d+$/);
    assert.ok(existsSync(join(path, 'job.db')));
    await sleep(100);
    assert.match(stderr, /\[INFO\] Savepoint of job 'counts' written to /);

    const same = sluice(dir, ['run', 'job.sql', '--from-savepoint', path, '--dry-run']);
    assert.equal(same.status, 0, same.stderr);
    assert.match(same.stdout, /Job 'counts': restoring from savepoint \d+ in /);
    assert.match(same.stdout, /restored +GroupAggregate#\d+/);
    assert.doesNotMatch(same.stdout, /dropped/);

    const changed = sluice(dir, ['run', 'changed.sql', '--from-savepoint', path, '--dry-run']);
    assert.equal(changed.status, 1);
    assert.match(changed.stdout, /dropped +GroupAggregate#\d+ — the job's GroupAggregate#\d+ differs: spec\.aggregates\[0\]: COUNT\(\*\) → SUM\(id\)/);
    assert.match(changed.stdout, /A run would refuse to start/);
  } finally {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }
  const refused = sluice(dir, ['run', 'changed.sql', '--from-savepoint', join(dir, 'missing')]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /No savepoint at .*missing/);
});
