/** INSERT jobs over real files: exact BIGINT and DECIMAL end to end, NULL semantics, malformed input, changelogs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, ConnectorError, type JobHandle, type StatementResult } from '../../src/index.js';

function workdir(): string {
  return mkdtempSync(join(tmpdir(), 'sluice-fs-'));
}

function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as { kind: 'job'; job: JobHandle }).job;
}

function outputLines(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  return files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l !== ''));
}

test('BIGINT above 2^53 and DECIMAL sums are exact from JSON to CSV', async () => {
  const dir = workdir();
  writeFileSync(join(dir, 'in.json'), [
    '{"id": 9007199254740993, "amount": 0.10, "ts": "2024-01-01 00:00:01"}',
    '{"id": 9223372036854775807, "amount": 0.20, "ts": "2024-01-01 00:00:02"}',
    '{"id": -9007199254740993, "amount": null, "ts": "2024-01-01 00:00:03"}',
  ].join('\n'));
  const engine = new Engine({ baseDirectory: dir });
  await engine.execute(`
    CREATE TABLE src (id BIGINT, amount DECIMAL(10, 2), ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 'in.json', 'format' = 'json');
    CREATE TABLE ids (id BIGINT, next_id BIGINT) WITH ('connector' = 'filesystem', 'path' = 'ids', 'format' = 'csv');
    CREATE TABLE sums (window_start TIMESTAMP(3), total DECIMAL(12, 2), n BIGINT, n_amount BIGINT) WITH ('connector' = 'filesystem', 'path' = 'sums', 'format' = 'json');`);
  await job(await engine.execute('INSERT INTO ids SELECT id, id - 1 FROM src')).done();
  assert.deepEqual(outputLines(join(dir, 'ids')).sort(), ['-9007199254740993,-9007199254740994', '9007199254740993,9007199254740992', '9223372036854775807,9223372036854775806']);
  await job(await engine.execute(`INSERT INTO sums SELECT window_start, SUM(amount), COUNT(*), COUNT(amount)
    FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end`)).done();
  assert.deepEqual(outputLines(join(dir, 'sums')), ['{"window_start":"2024-01-01 00:00:00","total":0.30,"n":3,"n_amount":2}']);
});

test('SUM over only NULLs is NULL; COUNT(x) skips NULLs', async () => {
  const engine = new Engine();
  engine.registerTable('t', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'v', type: 'INT' }],
    rows: [{ ts: '2024-01-01 00:00:01', v: null }, { ts: '2024-01-01 00:00:02', v: null }],
    watermark: { column: 'ts', expression: 'ts' },
  });
  const rows = await engine.query(`SELECT SUM(v) AS s, COUNT(v) AS c, COUNT(*) AS n, MIN(v) AS lo, AVG(v) AS a
    FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end`).toArray();
  assert.deepEqual(rows, [{ s: null, c: 0n, n: 2n, lo: null, a: null }]);
});

test('a malformed JSON line fails the job with file:line:column', async () => {
  const dir = workdir();
  writeFileSync(join(dir, 'bad.json'), '{"v": 1}\n{"v": 2}\n{"v": "x"}\n');
  const engine = new Engine({ baseDirectory: dir });
  await engine.execute(`CREATE TABLE src (v INT) WITH ('connector' = 'filesystem', 'path' = 'bad.json', 'format' = 'json');
    CREATE TABLE out (v INT) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'json')`);
  const handle = job(await engine.execute('INSERT INTO out SELECT v FROM src'));
  await assert.rejects(handle.done(), (error: unknown) => {
    assert.ok(error instanceof ConnectorError);
    assert.match(error.message, /bad\.json:3:7/);
    assert.match(error.message, /'v'/);
    return true;
  });
  // Nothing half-written became visible.
  assert.deepEqual(readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.')), []);
});

test("'json.ignore-parse-errors' skips and counts malformed records", async () => {
  const dir = workdir();
  writeFileSync(join(dir, 'bad.json'), '{"v": 1}\nnot json\n{"v": "x"}\n{"v": 4}\n');
  const engine = new Engine({ baseDirectory: dir });
  await engine.execute(`CREATE TABLE src (v INT) WITH ('connector' = 'filesystem', 'path' = 'bad.json', 'format' = 'json', 'json.ignore-parse-errors' = 'true')`);
  const result = engine.query('SELECT v FROM src');
  assert.deepEqual(await result.toArray(), [{ v: 1 }, { v: 4 }]);
  const summary = await result.done();
  assert.equal(summary.tables.find((t) => t.table === 'src')?.malformedRecords, 2);
});

test('an unbounded GROUP BY emits a changelog to the print sink', async () => {
  const lines: string[] = [];
  const engine = new Engine({ printLine: (line) => lines.push(line) });
  engine.registerTable('clicks', {
    columns: [{ name: 'user_name', type: 'STRING' }, { name: 'url', type: 'STRING' }],
    rows: [{ user_name: 'Mary', url: './home' }, { user_name: 'Bob', url: './cart' }, { user_name: 'Mary', url: './prod?id=1' }, { user_name: 'Liz', url: './home' }],
  });
  await engine.execute("CREATE TABLE out (user_name STRING, cnt BIGINT) WITH ('connector' = 'print')");
  await job(await engine.execute('INSERT INTO out SELECT user_name, COUNT(url) FROM clicks GROUP BY user_name')).done();
  assert.deepEqual(lines, ['+I[Mary, 1]', '+I[Bob, 1]', '-U[Mary, 1]', '+U[Mary, 2]', '+I[Liz, 1]']);
});

test('a changelog query materialises to its final rows', async () => {
  const engine = new Engine();
  engine.registerTable('clicks', {
    columns: [{ name: 'user_name', type: 'STRING' }],
    rows: [{ user_name: 'Mary' }, { user_name: 'Bob' }, { user_name: 'Mary' }],
  });
  const result = engine.query('SELECT user_name, COUNT(*) AS n FROM clicks GROUP BY user_name');
  assert.equal(result.updating, true);
  assert.deepEqual(await result.toArray(), [{ user_name: 'Bob', n: 1n }, { user_name: 'Mary', n: 2n }]);
});

test('the SQLite state backend writes real files under the state directory', async () => {
  const dir = workdir();
  const engine = new Engine({ baseDirectory: dir, config: { 'state.backend': 'sqlite', 'state.dir': 'state' } });
  let seen: string[] = [];
  engine.registerTable('t', {
    columns: [{ name: 'k', type: 'STRING' }],
    rows: (async function* () {
      yield { k: 'a' };
      yield { k: 'b' };
      await new Promise((r) => setTimeout(r, 50));
      seen = readdirSync(join(dir, 'state')).flatMap((d) => readdirSync(join(dir, 'state', d)));
      yield { k: 'a' };
    })(),
  });
  const rows = await engine.query('SELECT k, COUNT(*) AS n FROM t GROUP BY k').toArray();
  assert.deepEqual(rows, [{ k: 'b', n: 1n }, { k: 'a', n: 2n }]);
  assert.ok(seen.includes('state.db'), `state files: ${seen.join(', ')}`);
});
