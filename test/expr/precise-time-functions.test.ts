/**
 * FLOOR / CEIL (ts TO unit), TIMESTAMPADD and TIMESTAMPDIFF over TIMESTAMP(p) and TIMESTAMP_LTZ(p) of every precision,
 * with Flink 1.20's result types and values (each checked against Flink; conformance case precise-time-functions):
 * FLOOR / CEIL and TIMESTAMPADD keep the argument's type; FLOOR / CEIL round the millisecond (only CEIL TO
 * MILLISECOND looks at finer digits); TIMESTAMPADD keeps the sub-millisecond digits; TIMESTAMPDIFF counts whole
 * milliseconds, MICROSECOND and NANOSECOND whole seconds, and its INT wraps as Java's int.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/index.js';

const VALUES = "(VALUES ('2020-01-01 10:00:05.123456789'), ('1969-12-31 23:59:59.999999999'), ('2020-01-01 10:00:05.000000500')) AS x(s)";
const VIEW = `CREATE TEMPORARY VIEW v AS SELECT CAST(s AS TIMESTAMP(0)) AS ts0, CAST(s AS TIMESTAMP(3)) AS ts3,
  CAST(s AS TIMESTAMP(6)) AS ts6, CAST(s AS TIMESTAMP(9)) AS ts9, CAST(CAST(s AS TIMESTAMP(9)) AS TIMESTAMP_LTZ(9)) AS l9,
  CAST(CAST(s AS TIMESTAMP(6)) AS TIMESTAMP_LTZ(6)) AS l6 FROM ${VALUES}`;

interface Answer {
  readonly types: string[];
  readonly rows: string[];
}

async function select(columns: string, zone = 'UTC'): Promise<Answer> {
  const engine = new Engine();
  await engine.execute(`SET 'table.local-time-zone' = '${zone}'`);
  await engine.execute(VIEW);
  const result = engine.query(`SELECT ${columns} FROM v`);
  const rows = await result.toArray();
  return { types: result.columns.map((c) => c.type), rows: rows.map((r) => Object.values(r).map(String).join(' | ')) };
}

test('FLOOR and CEIL keep the precision and round the millisecond, as Flink', async () => {
  const { types, rows } = await select(`FLOOR(ts6 TO SECOND), CEIL(ts6 TO SECOND), FLOOR(ts9 TO MILLISECOND), CEIL(ts9 TO MILLISECOND),
    FLOOR(ts0 TO MINUTE), CEIL(ts6 TO DAY), FLOOR(ts9 TO WEEK), CEIL(ts6 TO MONTH)`);
  // Weeks start on Sunday, as in Flink. CEIL(2020-01-01 10:00 TO MONTH) is February 1 (Flink 1.20 answers January 1,
  // ceiling the date alone: a deliberate difference, docs/sql.md).
  assert.deepEqual(types, ['TIMESTAMP(6)', 'TIMESTAMP(6)', 'TIMESTAMP(9)', 'TIMESTAMP(9)', 'TIMESTAMP(0)', 'TIMESTAMP(6)', 'TIMESTAMP(9)', 'TIMESTAMP(6)']);
  assert.deepEqual(rows, [
    '2020-01-01 10:00:05.000000 | 2020-01-01 10:00:06.000000 | 2020-01-01 10:00:05.123000000 | 2020-01-01 10:00:05.124000000 | 2020-01-01 10:00:00 | 2020-01-02 00:00:00.000000 | 2019-12-29 00:00:00.000000000 | 2020-02-01 00:00:00.000000',
    '1969-12-31 23:59:59.000000 | 1970-01-01 00:00:00.000000 | 1969-12-31 23:59:59.999000000 | 1970-01-01 00:00:00.000000000 | 1969-12-31 23:59:00 | 1970-01-01 00:00:00.000000 | 1969-12-28 00:00:00.000000000 | 1970-01-01 00:00:00.000000',
    // 500 ns past a whole second: CEIL(… TO SECOND) looks at the millisecond only (as Flink), TO MILLISECOND goes up.
    '2020-01-01 10:00:05.000000 | 2020-01-01 10:00:05.000000 | 2020-01-01 10:00:05.000000000 | 2020-01-01 10:00:05.001000000 | 2020-01-01 10:00:00 | 2020-01-02 00:00:00.000000 | 2019-12-29 00:00:00.000000000 | 2020-02-01 00:00:00.000000',
  ]);
});

test('FLOOR and CEIL of a precise TIMESTAMP_LTZ round its wall clock in the session zone', async () => {
  const { types, rows } = await select('CAST(FLOOR(l9 TO DAY) AS STRING), CAST(CEIL(l6 TO HOUR) AS STRING), CAST(CEIL(l9 TO MILLISECOND) AS STRING)', 'Asia/Shanghai');
  assert.deepEqual(types, ['STRING', 'STRING', 'STRING']);
  assert.deepEqual(rows, [
    // The view's instants are the texts' wall clocks in Shanghai: midnight there, not UTC's (08:00 there).
    '2020-01-01 00:00:00.000000000 | 2020-01-01 11:00:00.000000 | 2020-01-01 10:00:05.124000000',
    '1969-12-31 00:00:00.000000000 | 1970-01-01 00:00:00.000000 | 1970-01-01 00:00:00.000000000',
    '2020-01-01 00:00:00.000000000 | 2020-01-01 11:00:00.000000 | 2020-01-01 10:00:05.001000000',
  ]);
});

test('TIMESTAMPADD keeps the type and every digit', async () => {
  const { types, rows } = await select(`TIMESTAMPADD(SECOND, 1, ts9), TIMESTAMPADD(MONTH, 1, ts6), TIMESTAMPADD(HOUR, -1, ts0),
    CAST(TIMESTAMPADD(DAY, 1, l9) AS STRING), TIMESTAMPADD(MINUTE, 1, DATE '2020-01-01'), TIMESTAMPADD(WEEK, 1, DATE '2020-01-01')`);
  assert.deepEqual(types, ['TIMESTAMP(9)', 'TIMESTAMP(6)', 'TIMESTAMP(0)', 'STRING', 'TIMESTAMP(6)', 'DATE']);
  assert.deepEqual(rows, [
    '2020-01-01 10:00:06.123456789 | 2020-02-01 10:00:05.123456 | 2020-01-01 09:00:05 | 2020-01-02 10:00:05.123456789 | 2020-01-01 00:01:00.000000 | 2020-01-08',
    '1970-01-01 00:00:00.999999999 | 1970-01-31 23:59:59.999999 | 1969-12-31 22:59:59 | 1970-01-01 23:59:59.999999999 | 2020-01-01 00:01:00.000000 | 2020-01-08',
    '2020-01-01 10:00:06.000000500 | 2020-02-01 10:00:05.000000 | 2020-01-01 09:00:05 | 2020-01-02 10:00:05.000000500 | 2020-01-01 00:01:00.000000 | 2020-01-08',
  ]);
});

test('TIMESTAMPDIFF of precise timestamps counts milliseconds; MICROSECOND and NANOSECOND count whole seconds', async () => {
  const { types, rows } = await select(`TIMESTAMPDIFF(MILLISECOND, ts0, ts9), TIMESTAMPDIFF(SECOND, ts3, TIMESTAMPADD(SECOND, 2, ts6)),
    TIMESTAMPDIFF(MICROSECOND, ts0, TIMESTAMPADD(SECOND, 1, ts9)), TIMESTAMPDIFF(NANOSECOND, ts9, ts0), TIMESTAMPDIFF(DAY, l6, l9),
    TIMESTAMPDIFF(MICROSECOND, ts0, TIMESTAMPADD(DAY, 30, ts0)), TIMESTAMPDIFF(SECOND, ts0, TIMESTAMPADD(YEAR, 100, ts0)),
    TIMESTAMPDIFF(NANOSECOND, ts0, TIMESTAMPADD(YEAR, 100, ts0))`);
  assert.deepEqual(types, ['INT', 'INT', 'INT', 'BIGINT', 'INT', 'INT', 'INT', 'BIGINT']);
  assert.deepEqual(rows, [
    // 30 days in microseconds and 100 years in seconds do not fit an INT: they wrap, as in Flink.
    '123 | 2 | 1000000 | 0 | 0 | 2134720512 | -1139293696 | 3155673600000000000',
    '999 | 2 | 1000000 | 0 | 0 | 2134720512 | -1139207296 | 3155760000000000000',
    '0 | 2 | 1000000 | 0 | 0 | 2134720512 | -1139293696 | 3155673600000000000',
  ]);
});

test('FLOOR of a DATE is a DATE; TIMESTAMPADD of a TIME is a time of day', async () => {
  const { types, rows } = await select(`FLOOR(CAST(ts3 AS DATE) TO MONTH), TIMESTAMPADD(HOUR, 15, CAST(ts3 AS TIME(3))),
    FLOOR(CAST(ts3 AS TIME(3)) TO MINUTE)`);
  assert.deepEqual(types, ['DATE', 'TIME(3)', 'TIME(3)']);
  assert.deepEqual(rows[0], '2020-01-01 | 01:00:05.123 | 10:00:00.000');
});
