/**
 * Event time over TIMESTAMP_LTZ (golden: SQL in, rows out). A WATERMARK on a TIMESTAMP_LTZ(3) column makes an LTZ
 * rowtime; windows over it are split by the wall clock of 'table.local-time-zone' (window_start / window_end are
 * TIMESTAMP(3) wall clocks, window_time a TIMESTAMP_LTZ(3) instant), as in Flink 1.20, daylight-saving days included.
 * The window clock itself is unit-tested at the end. Flink's own answers: test/conformance/ltz-*.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, PlanError } from '../../src/index.js';
import { windowClock } from '../../src/runtime/windows/clock.js';

/** An engine in `zone` with table t(k, v, epoch_ms, ts AS TO_TIMESTAMP_LTZ(epoch_ms, 3)) watermarked 1 s behind. */
async function engineWith(zone: string, rows: readonly [string, string, number][]): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-ltz-'));
  const path = join(dir, 'rows.json');
  writeFileSync(path, rows.map(([iso, k, v]) => JSON.stringify({ k, v, epoch_ms: Date.parse(iso) })).join('\n'));
  const engine = new Engine({ config: { 'table.local-time-zone': zone } });
  await engine.execute(`CREATE TABLE t (k STRING, v INT, epoch_ms BIGINT, ts AS TO_TIMESTAMP_LTZ(epoch_ms, 3),
    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = '${path}', 'format' = 'json')`);
  return engine;
}

const counts = (tvf: string): string => `SELECT window_start, window_end, window_time, COUNT(*) AS cnt, SUM(v) AS total
  FROM TABLE(${tvf}) GROUP BY window_start, window_end, window_time`;

test('DESCRIBE shows the LTZ rowtime as TIMESTAMP_LTZ(3) *ROWTIME* with its watermark', async () => {
  const engine = await engineWith('UTC', []);
  const described = await engine.execute('DESCRIBE t');
  assert.equal(described.kind, 'table');
  if (described.kind !== 'table') return;
  assert.deepEqual(described.rows[3], ['ts', 'TIMESTAMP_LTZ(3) *ROWTIME*', true, null, 'AS TO_TIMESTAMP_LTZ(epoch_ms, 3)', "(ts - INTERVAL '1' SECOND)"]);
});

test("a 1-DAY TUMBLE in 'Asia/Shanghai' starts at Shanghai midnight; window_time is an instant", async () => {
  const engine = await engineWith('Asia/Shanghai', [
    ['2024-06-01T15:00:00Z', 'a', 1], ['2024-06-01T16:00:00Z', 'b', 2], ['2024-06-02T15:59:59Z', 'a', 3], ['2024-06-03T00:00:00Z', 'c', 4],
  ]);
  const rows = await engine.query(counts(`TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' DAY)`)).toArray();
  assert.deepEqual(rows, [
    { window_start: '2024-06-01 00:00:00.000', window_end: '2024-06-02 00:00:00.000', window_time: new Date('2024-06-01T15:59:59.999Z'), cnt: 1n, total: 1 },
    { window_start: '2024-06-02 00:00:00.000', window_end: '2024-06-03 00:00:00.000', window_time: new Date('2024-06-02T15:59:59.999Z'), cnt: 2n, total: 5 },
    { window_start: '2024-06-03 00:00:00.000', window_end: '2024-06-04 00:00:00.000', window_time: new Date('2024-06-03T15:59:59.999Z'), cnt: 1n, total: 4 },
  ]);
  await engine.execute(`CREATE VIEW daily AS ${counts(`TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' DAY)`)}`);
  const described = await engine.execute('DESCRIBE daily');
  assert.ok(described.kind === 'table');
  assert.deepEqual(described.rows.slice(0, 3).map((r) => r[1]), ['TIMESTAMP(3)', 'TIMESTAMP(3)', 'TIMESTAMP_LTZ(3) *ROWTIME*']);
});

test("America/Los_Angeles, spring forward: the 4-hour window [00:00, 04:00) holds 3 hours of rows", async () => {
  const engine = await engineWith('America/Los_Angeles', [
    ['2021-03-14T08:00:00Z', 'a', 1], ['2021-03-14T09:59:59Z', 'b', 2], ['2021-03-14T10:00:00Z', 'a', 3], ['2021-03-14T11:00:00Z', 'b', 4],
  ]);
  const rows = await engine.query(counts(`TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '4' HOUR)`)).toArray();
  assert.deepEqual(rows, [
    { window_start: '2021-03-14 00:00:00.000', window_end: '2021-03-14 04:00:00.000', window_time: new Date('2021-03-14T10:59:59.999Z'), cnt: 3n, total: 6 },
    { window_start: '2021-03-14 04:00:00.000', window_end: '2021-03-14 08:00:00.000', window_time: new Date('2021-03-14T14:59:59.999Z'), cnt: 1n, total: 4 },
  ]);
});

test('America/Los_Angeles, fall back: the repeated hour is one window, fired after its second pass', async () => {
  const engine = await engineWith('America/Los_Angeles', [
    ['2021-11-07T08:10:00Z', 'a', 1], ['2021-11-07T08:50:00Z', 'b', 2], ['2021-11-07T09:10:00Z', 'a', 3], ['2021-11-07T09:50:00Z', 'b', 4],
    ['2021-11-07T10:20:00Z', 'c', 5],
  ]);
  const rows = await engine.query(counts(`TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR)`)).toArray();
  assert.deepEqual(rows, [
    { window_start: '2021-11-07 01:00:00.000', window_end: '2021-11-07 02:00:00.000', window_time: new Date('2021-11-07T08:59:59.999Z'), cnt: 4n, total: 10 },
    { window_start: '2021-11-07 02:00:00.000', window_end: '2021-11-07 03:00:00.000', window_time: new Date('2021-11-07T10:59:59.999Z'), cnt: 1n, total: 5 },
  ]);
});

test('HOP and a late row in Asia/Kolkata: windows on whole IST hours; a row for a fired window is dropped', async () => {
  const engine = await engineWith('Asia/Kolkata', [
    ['2024-06-01T00:40:00Z', 'a', 1], ['2024-06-01T01:35:00Z', 'b', 2], ['2024-06-01T00:45:00Z', 'late', 100],
  ]);
  const rows = await engine.query(counts(`HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '30' MINUTE, INTERVAL '1' HOUR)`)).toArray();
  assert.deepEqual(rows.map((r) => [r['window_start'], r['cnt'], r['total']]), [
    ['2024-06-01 05:30:00.000', 1n, 1], ['2024-06-01 06:00:00.000', 1n, 1], ['2024-06-01 06:30:00.000', 1n, 2], ['2024-06-01 07:00:00.000', 1n, 2],
  ]);
});

test('window Top-N and an interval join over an LTZ rowtime', async () => {
  const engine = await engineWith('Asia/Shanghai', [
    ['2024-06-01T15:10:00Z', 'a', 5], ['2024-06-01T15:20:00Z', 'b', 7], ['2024-06-01T15:30:00Z', 'c', 6], ['2024-06-01T16:30:00Z', 'a', 1],
  ]);
  const top = await engine.query(`SELECT window_start, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY v DESC) AS rn
    FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR))) WHERE rn <= 1`).toArray();
  assert.deepEqual(top, [{ window_start: '2024-06-01 23:00:00.000', k: 'b', v: 7 }, { window_start: '2024-06-02 00:00:00.000', k: 'a', v: 1 }]);
  const joined = await engine.query(`SELECT l.k AS lk, r.k AS rk FROM t l JOIN t r ON l.k <> r.k
    AND r.ts BETWEEN l.ts AND l.ts + INTERVAL '15' MINUTE`).toArray();
  assert.deepEqual(joined.map((r) => `${String(r['lk'])}-${String(r['rk'])}`).sort(), ['a-b', 'b-c']);
});

test('a cascaded day window over hourly window_time, and the legacy GROUP BY TUMBLE, align in the session zone', async () => {
  const engine = await engineWith('Asia/Shanghai', [
    ['2024-06-01T15:10:00Z', 'a', 5], ['2024-06-01T15:20:00Z', 'b', 7], ['2024-06-01T16:30:00Z', 'a', 1], ['2024-06-01T19:30:00Z', 'a', 1],
  ]);
  await engine.execute(`CREATE VIEW hourly AS SELECT window_time AS wt, COUNT(*) AS c
    FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR)) GROUP BY window_start, window_end, window_time`);
  const cascaded = await engine.query(`SELECT window_start, window_time, SUM(c) AS c
    FROM TABLE(TUMBLE(TABLE hourly, DESCRIPTOR(wt), INTERVAL '1' DAY)) GROUP BY window_start, window_end, window_time`).toArray();
  const legacy = await engine.query(`SELECT TUMBLE_START(ts, INTERVAL '1' DAY) AS window_start, TUMBLE_ROWTIME(ts, INTERVAL '1' DAY) AS window_time,
    COUNT(*) AS c FROM t GROUP BY TUMBLE(ts, INTERVAL '1' DAY)`).toArray();
  const expected = [
    { window_start: '2024-06-01 00:00:00.000', window_time: new Date('2024-06-01T15:59:59.999Z'), c: 2n },
    { window_start: '2024-06-02 00:00:00.000', window_time: new Date('2024-06-02T15:59:59.999Z'), c: 2n },
  ];
  assert.deepEqual(cascaded, expected);
  assert.deepEqual(legacy, expected);
});

test('the watermark of an LTZ rowtime must be an LTZ too', async () => {
  const engine = new Engine();
  await assert.rejects(
    engine.execute(`CREATE TABLE w (ts TIMESTAMP_LTZ(3), WATERMARK FOR ts AS CAST(ts AS TIMESTAMP(3))) WITH ('connector' = 'datagen')`),
    (error: unknown) => error instanceof PlanError && /must return TIMESTAMP_LTZ\(3\)/.test(error.message),
  );
});

test('the window clock: wall clocks of the zone, firing at the later instant of a repeated hour', () => {
  const clock = windowClock('America/Los_Angeles');
  const at = (iso: string): number => Date.parse(iso);
  assert.equal(clock.windowTimeOf(at('2021-11-07T08:30:00Z')), at('2021-11-07T01:30:00Z'));
  assert.equal(clock.windowTimeOf(at('2021-11-07T09:30:00Z')), at('2021-11-07T01:30:00Z'));
  // During the first pass of 01:00-02:00 only wall clocks before 01:00 have fired.
  assert.equal(clock.windowWatermark(at('2021-11-07T08:30:00Z')), at('2021-11-07T00:59:59.999Z'));
  assert.equal(clock.windowWatermark(at('2021-11-07T09:30:00Z')), at('2021-11-07T01:30:00Z'));
  assert.equal(clock.firingWatermark(at('2021-11-07T01:59:59.999Z')), at('2021-11-07T09:59:59.999Z'));
  assert.equal(clock.windowTime(at('2021-11-07T02:00:00Z')), at('2021-11-07T08:59:59.999Z'));
  assert.equal(windowClock(undefined).windowTime(10), 9);
});
