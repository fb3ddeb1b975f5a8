/**
 * Date and time functions through the engine: EXTRACT and its shorthands, FLOOR/CEIL(ts TO unit), TIMESTAMPADD and
 * TIMESTAMPDIFF (month arithmetic clamps to the month's end), DATE_FORMAT / TO_TIMESTAMP / UNIX_TIMESTAMP /
 * FROM_UNIXTIME with Java patterns — all on wall-clock time, no zone — and a window keyed by FLOOR(ts TO HOUR).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';

async function row(select: string): Promise<Record<string, unknown>> {
  const engine = new Engine();
  engine.registerTable('t', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 's', type: 'STRING' }],
    rows: [{ ts: '2024-03-05 13:45:10.250', s: '05.03.2024 07:08' }],
  });
  const rows = await engine.query(`SELECT ${select} FROM t`).toArray();
  return rows[0]!;
}

test('EXTRACT and its shorthands', async () => {
  assert.deepEqual(await row(`EXTRACT(YEAR FROM ts) AS y, EXTRACT(QUARTER FROM ts) AS q, EXTRACT(MONTH FROM ts) AS mo, EXTRACT(DAY FROM ts) AS d,
      EXTRACT(HOUR FROM ts) AS h, EXTRACT(MINUTE FROM ts) AS mi, EXTRACT(SECOND FROM ts) AS sec, EXTRACT(MILLISECOND FROM ts) AS ms,
      EXTRACT(DOW FROM ts) AS dow, EXTRACT(DOY FROM ts) AS doy, EXTRACT(WEEK FROM ts) AS w`), {
    y: 2024n, q: 1n, mo: 3n, d: 5n, h: 13n, mi: 45n, sec: 10n, ms: 250n, dow: 3n, doy: 65n, w: 10n,
  });
  assert.deepEqual(await row('YEAR(ts) AS y, MONTH(ts) AS m, DAYOFMONTH(ts) AS d, DAYOFWEEK(ts) AS dw, DAYOFYEAR(ts) AS dy, HOUR(ts) AS h, MINUTE(ts) AS mi, SECOND(ts) AS s'), {
    y: 2024n, m: 3n, d: 5n, dw: 3n, dy: 65n, h: 13n, mi: 45n, s: 10n,
  });
});

test('FLOOR / CEIL to a unit, TIMESTAMPADD, TIMESTAMPDIFF', async () => {
  assert.deepEqual(await row(`FLOOR(ts TO HOUR) AS fh, CEIL(ts TO DAY) AS cd, FLOOR(ts TO MONTH) AS fm, FLOOR(ts TO WEEK) AS fw,
      CEIL(TIMESTAMP '2024-03-05 00:00:00' TO DAY) AS exact`), { // weeks start on Sunday, as in Flink
    fh: '2024-03-05 13:00:00.000', cd: '2024-03-06 00:00:00.000', fm: '2024-03-01 00:00:00.000', fw: '2024-03-03 00:00:00.000', exact: '2024-03-05 00:00:00.000',
  });
  assert.deepEqual(await row(`TIMESTAMPADD(MONTH, 1, TIMESTAMP '2024-01-31 10:00:00') AS m, TIMESTAMPADD(HOUR, -2, ts) AS h,
      TIMESTAMPDIFF(DAY, TIMESTAMP '2024-01-01 00:00:00', ts) AS d, TIMESTAMPDIFF(MONTH, TIMESTAMP '2024-01-31 00:00:00', TIMESTAMP '2024-02-29 00:00:00') AS m0,
      TIMESTAMPDIFF(SECOND, ts, TIMESTAMP '2024-03-05 13:45:00') AS back`), {
    // January 31 plus a month is February 29, so that is a whole month (Calcite's subtractMonths, as Flink)
    m: '2024-02-29 10:00:00.000', h: '2024-03-05 11:45:10.250', d: 64, m0: 1, back: -10,
  });
});

test('formatting and parsing with Java patterns; unparsable text gives NULL', async () => {
  assert.deepEqual(await row(`DATE_FORMAT(ts, 'yyyy/MM/dd HH:mm:ss.SSS') AS f, DATE_FORMAT(ts, 'd.M.yy h a ''at'' mm') AS g,
      TO_TIMESTAMP('2024-03-05 13:45:10') AS a, TO_TIMESTAMP(s, 'dd.MM.yyyy HH:mm') AS b, TO_TIMESTAMP('nonsense') AS c,
      UNIX_TIMESTAMP('1970-01-01 00:01:40') AS u, FROM_UNIXTIME(100) AS fu, FROM_UNIXTIME(86400, 'yyyy-MM-dd') AS fd`), {
    f: '2024/03/05 13:45:10.250', g: '5.3.24 1 PM at 45', a: '2024-03-05 13:45:10.000', b: '2024-03-05 07:08:00.000', c: null,
    u: 100n, fu: '1970-01-01 00:01:40', fd: '1970-01-02',
  });
});

test('errors name the function, the unit or the argument', async () => {
  await assert.rejects(row('EXTRACT(DOW FROM s)'), /Function 'EXTRACT' takes a TIMESTAMP, TIMESTAMP_LTZ or DATE as argument 2, not STRING/);
  await assert.rejects(row('FLOOR(ts TO DOW)'), /Function 'FLOOR' does not take the unit DOW/);
  await assert.rejects(row('TIMESTAMPDIFF(DAY, ts)'), /Function 'TIMESTAMPDIFF' needs 3 arguments, got 2/);
});

test('an hourly aggregation keyed by FLOOR(ts TO HOUR)', async () => {
  const engine = new Engine();
  engine.registerTable('clicks', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }],
    rows: ['2024-03-05 13:05:00', '2024-03-05 13:59:59', '2024-03-05 14:00:00'].map((ts) => ({ ts })),
  });
  const rows = await engine.query('SELECT FLOOR(ts TO HOUR) AS hour, COUNT(*) AS n FROM clicks GROUP BY FLOOR(ts TO HOUR)').toArray();
  assert.deepEqual(rows.sort((a, b) => String(a['hour']).localeCompare(String(b['hour']))), [
    { hour: '2024-03-05 13:00:00.000', n: 2n },
    { hour: '2024-03-05 14:00:00.000', n: 1n },
  ]);
});
