/**
 * Year-month intervals (INTERVAL MONTH, a number of months) and the text of both interval kinds, SQL in and values
 * out, as Flink 1.20 gives them (learnt from the oracle; test/conformance/interval-year-month runs the same forms
 * against Flink).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError } from '../../src/index.js';

async function query(select: string, zone = 'UTC'): Promise<{ types: string[]; row: Record<string, unknown> }> {
  const engine = new Engine({ config: { 'table.local-time-zone': zone } });
  engine.registerTable('t', {
    columns: [
      { name: 'd', type: 'DATE' }, { name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'ts6', type: 'TIMESTAMP(6)' },
      { name: 'tm', type: 'TIME(0)' }, { name: 'n', type: 'INT' }, { name: 'b', type: 'BIGINT' }, { name: 'e', type: 'BIGINT' },
    ],
    rows: [{
      d: '2020-01-31', ts: '2020-01-31 10:00:00.123', ts6: '2020-02-29 23:59:59.123456', tm: '10:00:00', n: 3,
      b: 3000000000n, e: 1580414400000n, // e: 2020-01-30 20:00Z, 2020-01-31 04:00 in Shanghai
    }],
  });
  const result = engine.query(`SELECT ${select} FROM t`);
  const rows = await result.toArray();
  return { types: result.columns.map((c) => c.type), row: rows[0]! };
}

async function values(select: string, zone = 'UTC'): Promise<Record<string, unknown>> {
  return (await query(select, zone)).row;
}

async function planError(select: string): Promise<string> {
  try {
    await query(select);
  } catch (error) {
    assert.ok(error instanceof PlanError, String(error));
    return error.message;
  }
  assert.fail(`expected ${select} to fail`);
}

test('year-month literals are months of type INTERVAL MONTH; their text is +years-months', async () => {
  const { types, row } = await query(`INTERVAL '1' YEAR AS a, INTERVAL '3' MONTHS AS b, INTERVAL '2-3' YEAR TO MONTH AS c,
      INTERVAL -'14' MONTH AS d, INTERVAL '-2-3' YEAR TO MONTH AS e, INTERVAL '100' YEAR(3) AS f, INTERVAL '1-2' YEAR(3) TO MONTH AS g`);
  assert.deepEqual(types, Array(7).fill('INTERVAL MONTH'));
  assert.deepEqual(row, { a: 12, b: 3, c: 27, d: -14, e: -27, f: 1200, g: 14 });
  assert.deepEqual(await values(`CAST(INTERVAL '1' YEAR AS STRING) AS a, CAST(INTERVAL '25' MONTH AS STRING) AS b,
      CAST(INTERVAL -'5' MONTH AS STRING) AS c, CAST(INTERVAL '99' MONTH(2) AS STRING) AS d`), { a: '+1-00', b: '+2-01', c: '-0-05', d: '+8-03' });
});

test('day-time intervals cast to STRING as +days hh:mm:ss.fff', async () => {
  assert.deepEqual(await values(`CAST(INTERVAL '1' SECOND AS STRING) AS a, CAST(INTERVAL '1 02:03:04.5' DAY TO SECOND AS STRING) AS b,
      CAST(INTERVAL '99:30' HOUR TO MINUTE AS STRING) AS c, CAST(INTERVAL '100' DAY(3) AS STRING) AS d, CAST(INTERVAL '1.5' SECOND(2, 3) AS STRING) AS e`), {
    a: '+0 00:00:01.000', b: '+1 02:03:04.500', c: '+4 03:30:00.000', d: '+100 00:00:00.000', e: '+0 00:00:01.500',
  });
});

test('DATE and TIMESTAMP ± months clamp the day to the end of the month', async () => {
  assert.deepEqual(await values(`d + INTERVAL '1' MONTH AS a, d - INTERVAL '1-1' YEAR TO MONTH AS b, INTERVAL '1' YEAR + d AS c,
      ts + INTERVAL '1' MONTH AS e, ts6 - INTERVAL '1' YEAR AS f, ts + INTERVAL '1' MONTH * n AS g, DATE '2020-03-31' - INTERVAL '1' MONTH AS h`), {
    a: '2020-02-29', b: '2018-12-31', c: '2021-01-31', e: '2020-02-29 10:00:00.123', f: '2019-02-28 23:59:59.123456',
    g: '2020-04-30 10:00:00.123', h: '2020-02-29',
  });
});

test('TIMESTAMP_LTZ ± months counts on the instant as in UTC, as Flink; TIME ± months is the time unchanged', async () => {
  const { types, row } = await query(`CAST(TO_TIMESTAMP_LTZ(e, 3) + INTERVAL '1' MONTH AS STRING) AS a, tm + INTERVAL '1' YEAR AS b,
      tm - INTERVAL '1' MONTH * CAST(NULL AS INT) AS c`, 'Asia/Shanghai');
  assert.deepEqual(types, ['STRING', 'TIME(0)', 'TIME(0)']);
  assert.deepEqual(row, { a: '2020-03-01 04:00:00.000', b: '10:00:00', c: null });
});

test('interval ± interval of one kind, × an integer either way round (months wrap as a Java int), comparison', async () => {
  assert.deepEqual(await values(`INTERVAL '1' YEAR - INTERVAL '3' MONTH AS a, INTERVAL '5' MONTH * n AS b, n * INTERVAL '-2' MONTH AS c,
      CAST(b * INTERVAL '1' YEAR AS STRING) AS d, CAST(INTERVAL '1' MONTH * 2147483647 + INTERVAL '1' MONTH AS STRING) AS e,
      INTERVAL '1' YEAR = INTERVAL '12' MONTH AS f, INTERVAL '1' YEAR * n > INTERVAL '35' MONTH AS g, -INTERVAL '1-2' YEAR TO MONTH AS h,
      INTERVAL '2' HOUR * CAST(n AS BIGINT) AS i`), {
    a: 9, b: 15, c: -6, d: '+136688469-04', e: '--178956970-0-8', f: true, g: true, h: -14, i: 21_600_000,
  });
});

test('CASE, COALESCE and GROUP BY take year-month intervals', async () => {
  const { types, row } = await query(`CASE WHEN n > 5 THEN INTERVAL '1' YEAR ELSE INTERVAL '1' MONTH END AS a,
      COALESCE(CAST(NULL AS INT) * INTERVAL '1' MONTH, INTERVAL '2' MONTH) AS b`);
  assert.deepEqual(types, ['INTERVAL MONTH', 'INTERVAL MONTH']);
  assert.deepEqual(row, { a: 1, b: 2 });
  const engine = new Engine();
  const rows = await engine.query(`SELECT INTERVAL '1' MONTH * x AS k, COUNT(*) AS c
      FROM (VALUES (1), (2), (2)) AS v (x) GROUP BY INTERVAL '1' MONTH * x`).toArray();
  assert.deepEqual(rows.map((r) => [r.k, r.c]).sort(), [[1, 1n], [2, 2n]]);
});

test('what Flink 1.20 refuses is refused with the reason, at the SQL position', async () => {
  assert.equal(await planError("INTERVAL '1' YEAR - INTERVAL '1' DAY AS x"),
    "Cannot apply '-' to arguments of type INTERVAL MONTH and INTERVAL SECOND(3) at 1:8");
  assert.equal(await planError("INTERVAL '1' YEAR > INTERVAL '1' DAY AS x"),
    "Cannot apply '>' to arguments of type INTERVAL MONTH and INTERVAL SECOND(3) at 1:8");
  assert.equal(await planError("n + INTERVAL '1' HOUR / 2 AS x"),
    'Cannot divide INTERVAL SECOND(3) by INT: Flink 1.20 does not divide intervals at 1:12');
  assert.equal(await planError("INTERVAL '1' YEAR * 1.5 AS x"),
    'Cannot multiply INTERVAL MONTH by DECIMAL(2, 1): Flink 1.20 multiplies an interval by an integer only at 1:8');
  assert.equal(await planError("INTERVAL '1' HOUR * CAST(n AS DOUBLE) AS x"),
    'Cannot multiply INTERVAL SECOND(3) by DOUBLE: Flink 1.20 multiplies an interval by an integer only at 1:8');
  assert.equal(await planError("INTERVAL '1' MONTH - ts AS x"),
    "Cannot apply '-' to arguments of type INTERVAL MONTH and TIMESTAMP(3) at 1:8");
  assert.equal(await planError("SUM(INTERVAL '1' MONTH * n) AS x"), "Cannot apply 'SUM' to an argument of type INTERVAL MONTH at 1:8");
  assert.equal(await planError("MIN(INTERVAL '1' MONTH * n) AS x"), 'MIN does not take an interval (INTERVAL MONTH): Flink 1.20 has no MIN of intervals at 1:8');
  assert.equal(await planError("MAX(INTERVAL '1' HOUR * n) AS x"), 'MAX does not take an interval (INTERVAL SECOND(3)): Flink 1.20 has no MAX of intervals at 1:8');
  assert.equal(await planError("COALESCE(INTERVAL '1' YEAR, INTERVAL '1' DAY) AS x"),
    'COALESCE results have incompatible types INTERVAL MONTH and INTERVAL SECOND(3) at 1:36');
  assert.equal(await planError("CAST(INTERVAL '1' MONTH AS INT) AS x"), 'Cannot cast INTERVAL MONTH to INT at 1:8');
});
