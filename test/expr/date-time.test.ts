/**
 * DATE and TIME(p): literals, JSON in and out, casts to and from STRING and TIMESTAMP, DATE ± INTERVAL, the date
 * functions on DATE arguments, comparisons (a DATE against a TIMESTAMP is its midnight), print and Arrow forms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, PlanError } from '../../src/index.js';
import { DATE, time } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { makeBatch, readColumns } from '../../src/runtime/batch.js';
import { printedValue } from '../../src/connectors/print/format-row.js';

function table(dir: string): string {
  writeFileSync(join(dir, 'in.json'), [
    '{"d": "2020-04-15", "tm": "08:05:01", "tm3": "08:05:01.5", "ts": "2020-04-17 10:00:00"}',
    '{"d": null, "tm": null, "tm3": null, "ts": null}',
  ].join('\n'));
  return `CREATE TABLE t (d DATE, tm TIME, tm3 TIME(3), ts TIMESTAMP(3))
    WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'in.json')}', 'format' = 'json')`;
}

async function query(select: string): Promise<Record<string, unknown>[]> {
  const engine = new Engine();
  await engine.execute(table(mkdtempSync(join(tmpdir(), 'sluice-date-'))));
  return engine.query(`SELECT ${select} FROM t`).toArray();
}

test('DATE and TIME values, casts and arithmetic', async () => {
  const rows = await query(`d, tm, tm3, CAST(ts AS DATE) AS td, CAST(ts AS TIME) AS tt, d + INTERVAL '2' DAY AS d2,
      d - INTERVAL '1' DAY AS d0, CAST('2020-01-02' AS DATE) AS c, CAST(d AS STRING) AS s, CAST(tm3 AS STRING) AS s3,
      CAST(d AS TIMESTAMP(3)) AS midnight, DATE '2020-02-29' AS leap, TIME '23:59:59' AS late`);
  assert.deepEqual(rows[0], {
    d: '2020-04-15', tm: '08:05:01', tm3: '08:05:01.500', td: '2020-04-17', tt: '10:00:00', d2: '2020-04-17', d0: '2020-04-14',
    c: '2020-01-02', s: '2020-04-15', s3: '08:05:01.500', midnight: '2020-04-15 00:00:00.000', leap: '2020-02-29', late: '23:59:59',
  });
  assert.equal(rows[1]!.d, null);
  assert.equal(rows[1]!.d2, null);
});

test('date functions take DATE and TIME arguments; DATE compares with TIMESTAMP as its midnight', async () => {
  const rows = await query(`YEAR(d) AS y, DAYOFMONTH(d) AS dd, HOUR(tm) AS h, MINUTE(tm3) AS mi, DATE_FORMAT(d, 'yyyy/MM/dd') AS f,
      TO_DATE('2021-03-04') AS t1, TO_DATE('04.03.2021', 'dd.MM.yyyy') AS t2, TO_DATE('nope') AS t3, TIMESTAMPADD(MONTH, 1, d) AS nm,
      TIMESTAMPADD(HOUR, 1, d) AS nh, TIMESTAMPDIFF(DAY, d, ts) AS diff, d < DATE '2020-04-16' AS before, d < ts AS dts,
      d = CAST(ts AS DATE) AS same, CURRENT_DATE > DATE '2020-01-01' AS now_later, tm < TIME '09:00:00' AS morning`);
  assert.deepEqual(rows[0], {
    y: 2020n, dd: 15n, h: 8n, mi: 5n, f: '2020/04/15', t1: '2021-03-04', t2: '2021-03-04', t3: null, nm: '2020-05-15',
    nh: '2020-04-15 01:00:00.000000', diff: 2, before: true, dts: true, same: false, now_later: true, morning: true,
  });
});

test('DATE and TIME in JSON output, the print sink and Arrow batches; bad text names the column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-date-'));
  const engine = new Engine();
  await engine.execute(table(dir));
  await engine.execute(`CREATE TABLE out (d DATE, tm3 TIME(3)) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'out')}', 'format' = 'json')`);
  const result = await engine.execute('INSERT INTO out SELECT d, tm3 FROM t');
  if (result.kind === 'job') await result.job.done();
  const files = readdirSync(join(dir, 'out')).filter((f) => !f.startsWith('.'));
  assert.deepEqual(readFileSync(join(dir, 'out', files[0]!), 'utf8').trim().split('\n'), ['{"d":"2020-04-15","tm3":"08:05:01"}', '{"d":null,"tm3":null}']);
  assert.equal(printedValue(18367, DATE), '2020-04-15');
  assert.equal(printedValue(29_100_000, time(0)), '08:05');
  assert.equal(printedValue(29_101_500, time(3)), '08:05:01.500');
  const s = schema([field('d', DATE), field('t', time(3))]);
  const columns = [[18367, null, -1], [0, 86_399_999, null]];
  assert.deepEqual(readColumns(makeBatch(s, columns), s), columns);
  assert.deepEqual(readColumns(makeBatch(s, columns).slice(1, 2), s), [[null], [86_399_999]]);
  writeFileSync(join(dir, 'in.json'), '{"d": "2020-13-01"}\n');
  await assert.rejects(async () => engine.query('SELECT d FROM t').toArray(), /Cannot read field 'd' as DATE: "2020-13-01" is not a date \(expected 'yyyy-MM-dd'\)/);
  await assert.rejects(async () => engine.query("SELECT TIME '10:00:00' + TIME '01:00:00' FROM t").toArray(), (error: unknown) => {
    assert.ok(error instanceof PlanError);
    assert.equal(error.message, "Cannot apply '+' to arguments of type TIME(0) and TIME(0) at 1:8");
    return true;
  });
});
