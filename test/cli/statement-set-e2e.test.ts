/**
 * The real `sluice` command runs a statement set as one job: two filesystem sinks fed by one filesystem source,
 * which is read once (the job summary counts 6 records in and each sink's rows). Built dist/ is used, as in e2e.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureCliBuilt } from '../support/cli-build.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repoRoot, 'bin', 'sluice.js');
const bidsJson = join(repoRoot, 'examples', 'bids', 'bids.json');

function sinkLines(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => readFileSync(join(directory, name), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .sort();
}

describe('sluice run: statement sets (end to end)', () => {
  let work = '';

  before(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'sluice-set-e2e-'));
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('writes both sinks of one job, reading the source once', () => {
    const cheap = join(work, 'cheap');
    const windows = join(work, 'windows');
    const file = join(work, 'set.sql');
    writeFileSync(
      file,
      'CREATE TABLE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING,\n' +
        "  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND)\n" +
        `  WITH ('connector' = 'filesystem', 'path' = '${bidsJson}', 'format' = 'json');\n` +
        `CREATE TABLE cheap (item STRING, price DECIMAL(10, 2)) WITH ('connector' = 'filesystem', 'path' = '${cheap}', 'format' = 'csv');\n` +
        `CREATE TABLE windows (window_start TIMESTAMP(3), total DECIMAL(10, 2)) WITH ('connector' = 'filesystem', 'path' = '${windows}', 'format' = 'csv');\n` +
        'EXECUTE STATEMENT SET BEGIN\n' +
        '  INSERT INTO cheap SELECT item, price FROM Bid WHERE price < 3;\n' +
        "  INSERT INTO windows SELECT window_start, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))\n" +
        '    GROUP BY window_start, window_end;\n' +
        'END;\n',
    );
    const run = spawnSync(process.execPath, [bin, 'run', file], { cwd: work, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(sinkLines(cheap), ['A,2.00', 'E,1.00']);
    assert.deepEqual(sinkLines(windows), ['"2020-04-15 08:00:00",11.00', '"2020-04-15 08:10:00",10.00']);
    assert.equal(run.stderr.match(/Submitted job/g)?.length, 1, run.stderr);
    assert.match(run.stderr, /\[INFO\] Submitted job 'insert-into_cheap,windows'\./);
    assert.match(run.stderr, /\[INFO\] Job 'insert-into_cheap,windows' finished in .*: 6 records in/);
    assert.match(run.stderr, /\[INFO\] {3}Bid: 6 read\n/);
    assert.match(run.stderr, /\[INFO\] {3}cheap: 2 written\n/);
    assert.match(run.stderr, /\[INFO\] {3}windows: 2 written\n/);
  });

  it('explains a statement set with the shared scan printed once', () => {
    const file = join(work, 'explain.sql');
    writeFileSync(
      file,
      `CREATE TABLE src (a INT, b STRING) WITH ('connector' = 'filesystem', 'path' = '${bidsJson}', 'format' = 'json');\n` +
        "CREATE TABLE o1 (a INT) WITH ('connector' = 'blackhole');\n" +
        "CREATE TABLE o2 (b STRING) WITH ('connector' = 'blackhole');\n" +
        'EXPLAIN STATEMENT SET BEGIN INSERT INTO o1 SELECT a FROM src; INSERT INTO o2 SELECT b FROM src; END;\n',
    );
    const run = spawnSync(process.execPath, [bin, 'run', file], { cwd: work, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.match(/TableSourceScan/g)?.length, 1, run.stdout);
    assert.match(run.stdout, /Reused\(reference_id=\[1\]\)/);
    assert.match(run.stdout, /^== Physical Plan ==\n/m, 'the plan is printed as plain lines, not boxed in a table');
    assert.doesNotMatch(run.stdout, /^\| plan/m);
  });

  it('sluice explain prints a statement set\'s plan without running it; --dry-run previews its restore', () => {
    const out = join(work, 'not-written');
    const file = join(work, 'explain-only.sql');
    writeFileSync(
      file,
      `CREATE TABLE src (a INT, b STRING) WITH ('connector' = 'filesystem', 'path' = '${bidsJson}', 'format' = 'json');\n` +
        `CREATE TABLE o1 (a INT) WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'csv');\n` +
        "CREATE TABLE o2 (b STRING) WITH ('connector' = 'blackhole');\n" +
        'BEGIN STATEMENT SET;\nINSERT INTO o1 SELECT a FROM src;\nINSERT INTO o2 SELECT b FROM src;\nEND;\n',
    );
    const options = { cwd: work, encoding: 'utf8' as const, timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } };
    const explain = spawnSync(process.execPath, [bin, 'explain', file], options);
    assert.equal(explain.status, 0, explain.stderr);
    assert.match(explain.stdout, /^-- BEGIN STATEMENT SET;\n== Physical Plan ==\nSink\(table=\[o1\]/m);
    assert.ok(!existsSync(out), 'explain ran the job');
    const dryRun = spawnSync(process.execPath, [bin, 'run', '--dry-run', file], options);
    assert.equal(dryRun.status, 0, dryRun.stderr);
    assert.match(dryRun.stdout, /Job 'insert-into_o1,o2': nothing to restore; it would start empty\./);
    assert.ok(!existsSync(out), '--dry-run ran the job');
  });
});
