/**
 * TIME ± INTERVAL (a time of day, wrapping around midnight) and the TIMESTAMP_LTZ forms of TIMESTAMPADD,
 * TIMESTAMPDIFF, FLOOR and CEIL, as Flink 1.20 computes them (checked with the oracle in
 * test/conformance/time-interval-arithmetic and ltz-timestampadd-diff[-dst]).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError } from '../../src/index.js';

async function row(select: string, zone = 'UTC'): Promise<Record<string, unknown>> {
  const engine = new Engine({ config: { 'table.local-time-zone': zone } });
  engine.registerTable('t', {
    columns: [{ name: 'tm', type: 'TIME(3)' }, { name: 'e', type: 'BIGINT' }],
    rows: [{ tm: '23:30:00.250', e: 1710014400000n }], // e: 2024-03-09 20:00Z, 12:00 in Los Angeles (PST)
  });
  const rows = await engine.query(`SELECT ${select} FROM t`).toArray();
  return rows[0]!;
}

test('TIME ± INTERVAL wraps around midnight and keeps the precision; whole days drop out', async () => {
  assert.deepEqual(await row(`tm + INTERVAL '1' HOUR AS a, tm - INTERVAL '24' HOUR AS b, INTERVAL '31' MINUTE + tm AS c,
      TIME '00:15:00' - INTERVAL '50' HOUR AS d, tm + INTERVAL '0.750' SECOND AS e, tm + NULL AS n`), {
    a: '00:30:00.250', b: '23:30:00.250', c: '00:01:00.250', d: '22:15:00', e: '23:30:01.000', n: null,
  });
});

test('TIME takes no other arithmetic', async () => {
  await assert.rejects(row("tm + TIME '01:00:00' AS x"), (error: unknown) => error instanceof PlanError && /Cannot apply '\+' to arguments of type TIME\(3\) and TIME\(0\) at 1:8/.test(error.message));
  await assert.rejects(row("INTERVAL '1' HOUR - tm AS x"), PlanError);
});

test('TIMESTAMPADD and TIMESTAMPDIFF count on the instant of a TIMESTAMP_LTZ, months as in UTC', async () => {
  const ltz = 'TO_TIMESTAMP_LTZ(e, 3)';
  const later = "TO_TIMESTAMP_LTZ(e + 23 * 3600000, 3)"; // 2024-03-10 12:00 PDT, 23 hours later across the change
  assert.deepEqual(await row(`CAST(TIMESTAMPADD(HOUR, 10, ${ltz}) AS STRING) AS h, CAST(TIMESTAMPADD(MONTH, 1, ${ltz}) AS STRING) AS m,
      TIMESTAMPDIFF(DAY, ${ltz}, ${later}) AS d, TIMESTAMPDIFF(HOUR, ${ltz}, ${later}) AS dh`, 'America/Los_Angeles'), {
    h: '2024-03-09 22:00:00.000', m: '2024-04-09 13:00:00.000', d: 0, dh: 23,
  });
});

test('FLOOR and CEIL round the wall clock of a TIMESTAMP_LTZ in the session zone, with the input\'s zone offset', async () => {
  const ltz = 'TO_TIMESTAMP_LTZ(e, 3)';
  const summer = 'TO_TIMESTAMP_LTZ(1730574000000, 3)'; // 2024-11-02 12:00 PDT
  assert.deepEqual(await row(`CAST(FLOOR(${ltz} TO DAY) AS STRING) AS fd, CAST(CEIL(${ltz} TO HOUR) AS STRING) AS ch,
      CAST(FLOOR(${ltz} TO MONTH) AS STRING) AS fm, CAST(CEIL(${summer} TO YEAR) AS STRING) AS cy, FLOOR(${ltz} TO MINUTE) AS typed`, 'America/Los_Angeles'), {
    fd: '2024-03-09 00:00:00.000', ch: '2024-03-09 12:00:00.000', fm: '2024-03-01 00:00:00.000',
    // Flink's offset of the input (PDT) applies to the rounded wall clock: an hour before the winter midnight
    cy: '2024-12-31 23:00:00.000', typed: new Date('2024-03-09T20:00:00Z'),
  });
});
