/**
 * TIMESTAMP_LTZ (TIMESTAMP WITH LOCAL TIME ZONE): instants (Arrow Timestamp(ms, 'UTC')) converted to and from wall
 * clocks in the session zone ('table.local-time-zone', default the process's zone), including daylight-saving gaps
 * and overlaps; TO_TIMESTAMP_LTZ; the JSON/CSV formats (UTC text with `Z`); the embedded API's Date values; the
 * CLI's display in the session zone. (Rowtimes and windows over TIMESTAMP_LTZ: test/windows/ltz-windows.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, PlanError, type JobHandle, type StatementResult } from '../../src/index.js';
import { formatValue } from '../../src/cli/format-value.js';
import { systemTimeZone, wallToInstant } from '../../src/common/time-zone.js';

function engineIn(zone: string): Engine {
  const engine = new Engine({ config: { 'table.local-time-zone': zone } });
  engine.registerTable('t', {
    columns: [{ name: 'e', type: 'BIGINT' }, { name: 'w', type: 'TIMESTAMP(3)' }],
    rows: [
      { e: 1717200000n, w: '2024-06-01 12:00:00' },
      { e: 1711848600n, w: '2024-03-31 02:30:00' }, // Berlin: in the spring-forward gap
      { e: 1729989000n, w: '2024-10-27 02:30:00' }, // Berlin: repeated in the fall-back overlap
    ],
  });
  return engine;
}

const SQL = `SELECT TO_TIMESTAMP_LTZ(e, 0) AS l, CAST(TO_TIMESTAMP_LTZ(e, 0) AS STRING) AS s,
  CAST(TO_TIMESTAMP_LTZ(e * 1000, 3) AS TIMESTAMP(3)) AS wall, CAST(w AS TIMESTAMP_LTZ(3)) AS instant,
  CAST(CAST(w AS TIMESTAMP_LTZ(3)) AS STRING) AS back, CAST(TO_TIMESTAMP_LTZ(e, 0) + INTERVAL '1' HOUR AS STRING) AS later FROM t`;

test('Europe/Berlin: instants shown in Berlin time; wall clocks in the DST gap move forward, repeated ones take summer time', async () => {
  const rows = await engineIn('Europe/Berlin').query(SQL).toArray();
  assert.deepEqual(rows, [
    { l: new Date('2024-06-01T00:00:00Z'), s: '2024-06-01 02:00:00.000', wall: '2024-06-01 02:00:00.000',
      instant: new Date('2024-06-01T10:00:00Z'), back: '2024-06-01 12:00:00.000', later: '2024-06-01 03:00:00.000' },
    { l: new Date('2024-03-31T01:30:00Z'), s: '2024-03-31 03:30:00.000', wall: '2024-03-31 03:30:00.000',
      instant: new Date('2024-03-31T01:30:00Z'), back: '2024-03-31 03:30:00.000', later: '2024-03-31 04:30:00.000' },
    { l: new Date('2024-10-27T00:30:00Z'), s: '2024-10-27 02:30:00.000', wall: '2024-10-27 02:30:00.000',
      instant: new Date('2024-10-27T00:30:00Z'), back: '2024-10-27 02:30:00.000', later: '2024-10-27 02:30:00.000' },
  ]);
});

test('America/New_York and a SET that changes the zone between queries', async () => {
  const engine = engineIn('America/New_York');
  const rows = await engine.query('SELECT CAST(TO_TIMESTAMP_LTZ(e, 0) AS STRING) AS s, CAST(w AS TIMESTAMP_LTZ(3)) AS instant FROM t').toArray();
  assert.deepEqual(rows.map((r) => r['s']), ['2024-05-31 20:00:00.000', '2024-03-30 21:30:00.000', '2024-10-26 20:30:00.000']);
  assert.deepEqual(rows[0]!['instant'], new Date('2024-06-01T16:00:00Z'));
  await engine.execute(`SET 'table.local-time-zone' = 'UTC'`);
  const [utc] = await engine.query('SELECT CAST(TO_TIMESTAMP_LTZ(e, 0) AS STRING) AS s FROM t').toArray();
  assert.equal(utc!['s'], '2024-06-01 00:00:00.000');
});

test("the default zone is the process's; unknown zones and bad TO_TIMESTAMP_LTZ precisions are refused", async () => {
  const engine = new Engine();
  engine.registerTable('one', { columns: [{ name: 'x', type: 'INT' }], rows: [{ x: 1 }] });
  const [row] = await engine.query(`SELECT CAST(TIMESTAMP '2024-01-15 12:00:00' AS TIMESTAMP_LTZ(3)) AS i FROM one`).toArray();
  assert.deepEqual(row!['i'], new Date(wallToInstant(systemTimeZone(), Date.UTC(2024, 0, 15, 12))));
  await assert.rejects(engine.execute(`SET 'table.local-time-zone' = 'Mars/Olympus'`), PlanError);
  assert.throws(() => engine.explain('SELECT TO_TIMESTAMP_LTZ(x, 6) FROM one'), /precision 0 \(epoch seconds\) or 3/);
  const [edge] = await engine.query(`SELECT TO_TIMESTAMP_LTZ(1.5, 0) AS a, TO_TIMESTAMP_LTZ(CAST(1e15 AS BIGINT), 0) AS b,
    CAST(TO_TIMESTAMP_LTZ(1500, 3) AS TIMESTAMP_LTZ(0)) AS c FROM one`).toArray();
  assert.deepEqual(edge, { a: new Date(1500), b: null, c: new Date(1000) });
});

test('TIMESTAMP WITH LOCAL TIME ZONE in DDL; JSON and CSV read and write UTC text ending in Z, as Flink', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-ltz-'));
  writeFileSync(join(dir, 'in.json'), '{"t": "2024-06-01 00:00:00.5Z"}\n{"t": "2024-10-27 00:30:00Z"}\n{"t": null}\n');
  const engine = new Engine({ baseDirectory: dir, config: { 'table.local-time-zone': 'Europe/Berlin' } });
  await engine.execute(`CREATE TABLE src (t TIMESTAMP(3) WITH LOCAL TIME ZONE) WITH ('connector' = 'filesystem', 'path' = 'in.json', 'format' = 'json');
    CREATE TABLE outj (t TIMESTAMP_LTZ(3), s STRING) WITH ('connector' = 'filesystem', 'path' = 'outj', 'format' = 'json');
    CREATE TABLE outc (t TIMESTAMP_LTZ(3)) WITH ('connector' = 'filesystem', 'path' = 'outc', 'format' = 'csv')`);
  await job(await engine.execute('INSERT INTO outj SELECT t, CAST(t AS STRING) FROM src')).done();
  await job(await engine.execute('INSERT INTO outc SELECT t FROM src')).done();
  assert.deepEqual(outputLines(join(dir, 'outj')), [
    '{"t":"2024-06-01 00:00:00.5Z","s":"2024-06-01 02:00:00.500"}', '{"t":"2024-10-27 00:30:00Z","s":"2024-10-27 02:30:00.000"}', '{"t":null,"s":null}',
  ]);
  assert.deepEqual(outputLines(join(dir, 'outc')), ['"2024-06-01 00:00:00.5Z"', '"2024-10-27 00:30:00Z"']);
  writeFileSync(join(dir, 'bad.json'), '{"t": "2024-06-01 00:00:00"}\n');
  await engine.execute(`CREATE TABLE bad (t TIMESTAMP_LTZ(3)) WITH ('connector' = 'filesystem', 'path' = 'bad.json', 'format' = 'json')`);
  await assert.rejects(engine.query('SELECT t FROM bad').toArray(), /is not a TIMESTAMP_LTZ/);
});

test('the CLI shows TIMESTAMP_LTZ in the session zone and FLOAT as Java prints it', async () => {
  const engine = engineIn('Europe/Berlin');
  const result = engine.query('SELECT TO_TIMESTAMP_LTZ(e, 0) AS l, CAST(0.1 AS FLOAT) AS f FROM t');
  const [row] = await result.toArray();
  const [l, f] = result.columns;
  assert.deepEqual(l, { name: 'l', type: 'TIMESTAMP_LTZ(3)', nullable: true, timeZone: 'Europe/Berlin' });
  assert.equal(formatValue(row!['l']!, l), '2024-06-01 02:00:00.000');
  assert.equal(formatValue(row!['f']!, f), '0.1');
});

test('NOW() and CURRENT_TIMESTAMP are TIMESTAMP_LTZ(3); LOCALTIMESTAMP is their wall clock; TIMESTAMP compares as a wall clock', async () => {
  const engine = engineIn('Asia/Kolkata');
  const before = Date.now();
  const rows = await engine.query(`SELECT NOW() AS n, CAST(LOCALTIMESTAMP AS STRING) AS lt, CURRENT_TIMESTAMP > TIMESTAMP '2020-01-01 00:00:00' AS later,
    TO_TIMESTAMP_LTZ(e, 0) = w AS same, TO_TIMESTAMP_LTZ(e, 0) < '2024-06-01 06:00:00' AS text_cmp FROM t`).toArray();
  const now = rows[0]!['n'] as Date;
  assert.ok(now instanceof Date && now.getTime() >= before && now.getTime() <= Date.now());
  const wall = Date.parse(`${String(rows[0]!['lt']).replace(' ', 'T')}Z`);
  assert.ok(Math.abs(wall - (now.getTime() + 5.5 * 3_600_000)) < 60_000, 'LOCALTIMESTAMP is the Kolkata wall clock');
  assert.deepEqual(rows.map((r) => [r['later'], r['same'], r['text_cmp']]), [[true, false, true], [true, false, true], [true, false, false]]);
  const [match] = await engine.query(`SELECT TO_TIMESTAMP_LTZ(e, 0) = TIMESTAMP '2024-06-01 05:30:00' AS same FROM t`).toArray();
  assert.equal(match!['same'], true);
  assert.match(engine.explain('SELECT NOW() FROM t'), /TIMESTAMP_LTZ\(3\)/);
});

function job(result: StatementResult): JobHandle {
  assert.equal(result.kind, 'job');
  return (result as { kind: 'job'; job: JobHandle }).job;
}

function outputLines(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  return files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l !== ''));
}

test("fixed-offset zones as Flink writes them ('GMT+08:00', 'GMT-8', '+05:30', 'UTC+05:30')", async () => {
  for (const [zone, expected] of [['GMT+08:00', '2024-06-01 08:00:00.000'], ['GMT-8', '2024-05-31 16:00:00.000'], ['+05:30', '2024-06-01 05:30:00.000'], ['UTC+05:30', '2024-06-01 05:30:00.000']] as const) {
    const engine = engineIn(zone);
    const [row] = await engine.query('SELECT CAST(TO_TIMESTAMP_LTZ(e, 0) AS STRING) AS s FROM t').toArray();
    assert.equal(row!['s'], expected, zone);
  }
  await assert.rejects(engineIn('UTC').execute(`SET 'table.local-time-zone' = 'GMT+25:00'`), PlanError);
});
