/**
 * End-to-end tests of the real `sluice` command (bin/sluice.js over the build in dist/; `npm test` builds first).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureCliBuilt } from '../support/cli-build.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(repoRoot, 'bin', 'sluice.js');
const bidsJson = join(repoRoot, 'examples', 'bids', 'bids.json');

function sluice(args: readonly string[], options: { input?: string; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, SLUICE_DEBUG: '', FORCE_COLOR: '0' },
  });
}

function bidTable(path: string): string {
  return (
    'CREATE TABLE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING,\n' +
    "  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND)\n" +
    `  WITH ('connector' = 'filesystem', 'path' = '${path}', 'format' = 'json');\n`
  );
}

const TUMBLE_SELECT =
  'SELECT window_start, window_end, SUM(price) AS total\n' +
  "FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))\n" +
  'GROUP BY window_start, window_end;\n';

/** The lines of every visible file the filesystem sink published in `directory`, sorted. */
function sinkLines(directory: string): string[] {
  const files = readdirSync(directory).filter((name) => !name.startsWith('.'));
  return files
    .flatMap((name) => readFileSync(join(directory, name), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .sort();
}

describe('sluice CLI (end to end)', () => {
  let work = '';

  before(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'sluice-e2e-'));
  });

  after(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('prints help and the version', () => {
    const help = sluice(['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage: sluice/);
    assert.match(help.stdout, /run \[options\] <file>/);
    assert.match(help.stdout, /explain/);
    const version = sluice(['--version']);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });

  it('runs a job into a filesystem sink and reports the job', () => {
    const out = join(work, 'filter-out');
    const file = join(work, 'filter.sql');
    writeFileSync(
      file,
      bidTable(bidsJson) +
        "CREATE TABLE expensive (item STRING, price DECIMAL(10, 2), bidtime TIMESTAMP(3))\n" +
        `  WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'csv');\n` +
        'INSERT INTO expensive SELECT item, price, bidtime FROM Bid WHERE price > 2.50;\n',
    );
    const run = sluice(['run', file]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(sinkLines(out), [
      'B,3.00,"2020-04-15 08:11:00"',
      'C,4.00,"2020-04-15 08:05:00"',
      'D,5.00,"2020-04-15 08:09:00"',
      'F,6.00,"2020-04-15 08:17:00"',
    ]);
    assert.match(run.stderr, /\[INFO\] Job '.+' finished in .*: 6 records in/);
    assert.match(run.stderr, /\[INFO\] {3}expensive: 4 written/);
    assert.equal(run.stdout, '');
  });

  it(
    'runs a TUMBLE job into a filesystem sink',
    () => {
      const out = join(work, 'tumble-out');
      const file = join(work, 'tumble.sql');
      writeFileSync(
        file,
        bidTable(bidsJson) +
          'CREATE TABLE totals (window_start TIMESTAMP(3), window_end TIMESTAMP(3), total DECIMAL(38, 2))\n' +
          `  WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'csv');\n` +
          'INSERT INTO totals\n' +
          TUMBLE_SELECT,
      );
      const run = sluice(['run', file]);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(sinkLines(out), [
        '"2020-04-15 08:00:00","2020-04-15 08:10:00",11.00',
        '"2020-04-15 08:10:00","2020-04-15 08:20:00",10.00',
      ]);
    },
  );

  it('says loudly how many late records were dropped', () => {
    const input = join(work, 'late-bids.json');
    writeFileSync(
      input,
      readFileSync(bidsJson, 'utf8') + '{"bidtime":"2020-04-15 08:21:00","price":1.00,"item":"G"}\n' +
        '{"bidtime":"2020-04-15 08:06:00","price":9.00,"item":"H"}\n',
    );
    const file = join(work, 'late.sql');
    writeFileSync(
      file,
      bidTable(input) +
        "CREATE TABLE totals (window_start TIMESTAMP(3), window_end TIMESTAMP(3), total DECIMAL(38, 2))\n" +
        "  WITH ('connector' = 'print');\n" +
        'INSERT INTO totals\n' +
        TUMBLE_SELECT,
    );
    const run = sluice(['run', file]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /\[WARN\] Bid: 1 late record dropped \(arrived after their windows fired\)/);
    // The late 08:06 bid (price 9.00) is not in the first window's total.
    assert.match(run.stdout, /\+I\[2020-04-15T08:00, 2020-04-15T08:10, 11\.00\]/);
  });

  it('runs the README example with the print sink', () => {
    const run = sluice(['run', 'examples/bids/tumble.sql']);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').sort();
    assert.deepEqual(lines, ['+I[2020-04-15T08:00, 2020-04-15T08:10, 11.00]', '+I[2020-04-15T08:10, 2020-04-15T08:20, 10.00]']);
  });

  it('reports an unknown column with file, position and suggestion, exit code 1', () => {
    const file = join(work, 'typo.sql');
    const sql =
      'CREATE TABLE Bid (bidtime TIMESTAMP(3), price DECIMAL(10, 2), item STRING) ' +
      `WITH ('connector' = 'filesystem', 'path' = '${bidsJson}', 'format' = 'json');\n` +
      "CREATE TABLE out (item STRING, price DECIMAL(10, 2)) WITH ('connector' = 'blackhole');\n" +
      'INSERT INTO out SELECT item, pric FROM Bid;\n';
    writeFileSync(file, sql);
    const line = 3;
    const column = (sql.split('\n')[line - 1] ?? '').indexOf('pric ') + 1;
    const run = sluice(['run', file]);
    assert.equal(run.status, 1);
    assert.ok(
      run.stderr.includes(`Error: ${file}: Unknown column 'pric' at ${line}:${column} (did you mean 'price'?)`),
      run.stderr,
    );
    assert.doesNotMatch(run.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'no stack trace without SLUICE_DEBUG');
  });

  it('reports a syntax error before running anything', () => {
    const out = join(work, 'never');
    const run = sluice([
      '-e',
      `CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'csv');\nSELEC 1;`,
    ]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^Error: .* at 2:1/m);
  });

  it('runs -e statements and prints finished tables to stdout', () => {
    const run = sluice(['-e', `${bidTable(bidsJson)}SHOW TABLES;`]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\| Bid +\|/);
    assert.match(run.stderr, /^\[INFO\] /m);
  });

  it('reads SQL from stdin when it is not a terminal and prints a query as a table', () => {
    const run = sluice([], { input: bidTable(bidsJson) + TUMBLE_SELECT });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\| window_start +\| window_end +\| +total \|/);
    assert.match(run.stdout, /\| 2020-04-15 08:00:00\.000 \| 2020-04-15 08:10:00\.000 \| 11\.00 \|/);
    assert.match(run.stdout, /2 rows in set/);
  });

  it('shows interval values as Flink\'s SQL client does: +days hh:mm:ss.fff and +years-months', () => {
    const run = sluice(['-e', "SELECT INTERVAL '1' SECOND AS s, INTERVAL '2-3' YEAR TO MONTH AS ym, -INTERVAL '14' MONTH AS neg;"]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\| s +\| ym +\| neg +\|/);
    assert.match(run.stdout, /\| \+0 00:00:01\.000 \| \+2-03 +\| -1-02 +\|/);
  });

  it('streams changes with --changelog', () => {
    const run = sluice(['--changelog', '-e', bidTable(bidsJson) + TUMBLE_SELECT]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\| op \| window_start/);
    assert.equal(run.stdout.split('\n').filter((line) => line.startsWith('| +I |')).length, 2);
  });

  it('explains INSERT statements without running them', () => {
    const out = join(work, 'explained');
    const file = join(work, 'explain.sql');
    writeFileSync(
      file,
      bidTable(bidsJson) +
        "CREATE TABLE expensive (item STRING, price DECIMAL(10, 2))\n" +
        `  WITH ('connector' = 'filesystem', 'path' = '${out}', 'format' = 'csv');\n` +
        'INSERT INTO expensive SELECT item, price FROM Bid WHERE price > 2.50;\n',
    );
    const run = sluice(['explain', file]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^-- INSERT INTO expensive SELECT item, price FROM Bid WHERE price > 2\.50$/m);
    assert.match(run.stdout, /TableSourceScan\(table=\[Bid\]/);
    assert.equal(existsSync(out) && readdirSync(out).length > 0, false, 'nothing was written');
  });

  it('explains with positions relative to the whole file', () => {
    const file = join(work, 'explain-typo.sql');
    writeFileSync(file, bidTable(bidsJson) + '\nSELECT item,\n  pric FROM Bid;\n');
    const run = sluice(['explain', file]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Unknown column 'pric' at 6:3/);
  });

  it('cancels a running unbounded job on Ctrl-C (SIGINT), prints the summary and exits with 130', async () => {
    const file = join(work, 'unbounded.sql');
    writeFileSync(
      file,
      "CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1000');\n" +
        "CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');\n" +
        'INSERT INTO sink SELECT id FROM gen;\n',
    );
    const child = spawn(process.execPath, [bin, 'run', file], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let interrupted = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (!interrupted && stderr.includes('Submitted job')) {
        interrupted = true;
        setTimeout(() => child.kill('SIGINT'), 300);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    assert.equal(code, 130, stderr);
    assert.match(stderr, /\[INFO\] Job '.+' cancelled in /);
  });

  it('decodes a JSON file on worker threads as the serial reader does', () => {
    // ~12 MiB: a dozen 1 MiB chunks, so the workers get some once they have started (bundle.test.ts checks the
    // worker's file is in the bundle whatever the timing).
    const input = join(work, 'many.json');
    const lines = Array.from({ length: 180_000 }, (_, i) => JSON.stringify({ id: i, k: i % 3, pad: 'x'.repeat(40) }));
    writeFileSync(input, `${lines.join('\n')}\n`);
    const run = sluice([
      '-e',
      "SET 'sluice.source.decode-threads' = '2';\n" +
        `CREATE TABLE t (id BIGINT, k INT) WITH ('connector' = 'filesystem', 'path' = '${input}', 'format' = 'json');\n` +
        'SELECT k, COUNT(*) AS n, SUM(id) AS total FROM t GROUP BY k;',
    ]);
    assert.equal(run.status, 0, run.stderr);
    for (const k of [0, 1, 2]) {
      const ids = Array.from({ length: 60_000 }, (_, i) => i * 3 + k);
      const total = ids.reduce((sum, id) => sum + id, 0);
      assert.match(run.stdout, new RegExp(`\\|\\s+${k} \\|\\s+60000 \\|\\s+${total} \\|`));
    }
  });

  it('runs the MATCH_RECOGNIZE example (price dips per symbol)', () => {
    const run = sluice(['run', 'examples/patterns/price-dips.sql']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.split('\n').filter((line) => line.startsWith('+I')).sort(), [
      '+I[ACME, 20, 13, 16, 3, 2024-03-01T09:04]',
      '+I[ACME, 21, 11, 15, 4, 2024-03-01T09:11]',
      '+I[ACME, 25, 22, 26, 2, 2024-03-01T09:15]',
      '+I[BETA, 52, 47, 48, 2, 2024-03-01T09:04]',
      '+I[BETA, 55, 51, 54, 2, 2024-03-01T09:08]',
      '+I[BETA, 56, 47, 58, 3, 2024-03-01T09:13]',
      '+I[BETA, 58, 57, 60, 1, 2024-03-01T09:15]',
    ]);
  });

  it('runs the partitioned-table example: dt=…/hr=… directories, _SUCCESS, SHOW PARTITIONS, reading back', () => {
    const out = join(repoRoot, '.sluice', 'examples', 'bids-by-hour');
    rmSync(out, { recursive: true, force: true });
    try {
      const run = sluice(['run', 'examples/partitions/bids-by-hour.sql']);
      assert.equal(run.status, 0, run.stderr);
      const partition = join(out, 'dt=2020-04-15', 'hr=08');
      assert.ok(existsSync(join(partition, '_SUCCESS')));
      assert.equal(readdirSync(partition).filter((name) => name.endsWith('.csv')).length, 1);
      assert.match(run.stdout, /\| dt=2020-04-15\/hr=08 \|/);
      assert.match(run.stdout, /\| 2020-04-15 \| 08 \|\s+6 \| 21\.00 \|/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('writes every row of a burst at the end of input through a pipe before exiting', () => {
    // A day of watermark delay holds all 30,000 rows back until the input ends; they then leave at once, faster than
    // the pipe takes them (process.exit used to drop what was still queued).
    const input = join(work, 'burst.json');
    const rows = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ id: i, ts: `2024-01-01 00:00:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}` }));
    writeFileSync(input, `${rows.join('\n')}\n`);
    const file = join(work, 'burst.sql');
    writeFileSync(file,
      `CREATE TABLE t (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' DAY) WITH ('connector' = 'filesystem', 'path' = '${input}', 'format' = 'json');\n` +
      "CREATE TABLE out (id INT, ts TIMESTAMP(3)) WITH ('connector' = 'print');\n" +
      'INSERT INTO out SELECT id, ts FROM t ORDER BY ts, id;\n');
    const run = sluice(['run', file]);
    assert.equal(run.status, 0, run.stderr);
    const printed = run.stdout.split('\n').filter((line) => line.startsWith('+I['));
    assert.equal(printed.length, 30_000);
  });

  it('fails with exit code 1 for a missing file', () => {
    const run = sluice(['run', join(work, 'missing.sql')]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Error: cannot read '.*missing\.sql' \(ENOENT\)/);
  });
});
