/**
 * TIMESTAMP(p) and TIMESTAMP_LTZ(p) with p 4–9 through the engine: literals, CASTs (fewer digits truncate, as Flink),
 * comparisons and widening across precisions, ± INTERVAL, EXTRACT to the nanosecond, DATE_FORMAT / TO_TIMESTAMP with
 * `S…` patterns, TIME(p > 3) (milliseconds, as Flink's TIME), the embedded API's values, Arrow columns, and the
 * place that refuses them (an event-time attribute). FLOOR / CEIL / TIMESTAMPADD / TIMESTAMPDIFF: precise-time-functions.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as arrow from 'apache-arrow';
import { Engine, NotImplementedError, PlanError } from '../../src/index.js';
import { timestamp, timestampLtz } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { arrowType, makeBatch, readColumns } from '../../src/runtime/batch.js';
import { printedValue } from '../../src/connectors/print/format-row.js';

const ROWS = [
  { k: 1, ts3: '2020-01-01 10:00:05.123', ts6: '2020-01-01 10:00:05.123456', ts9: '2020-01-01 10:00:05.123456789' },
  { k: 2, ts3: '2020-01-01 10:00:05.124', ts6: '2020-01-01 10:00:05.123457', ts9: '2020-01-01 10:00:05.000000001' },
];

async function query(select: string, where = ''): Promise<Record<string, unknown>[]> {
  const engine = new Engine();
  engine.registerTable('t', {
    columns: [{ name: 'k', type: 'INT' }, { name: 'ts3', type: 'TIMESTAMP(3)' }, { name: 'ts6', type: 'TIMESTAMP(6)' }, { name: 'ts9', type: 'TIMESTAMP(9)' }],
    rows: ROWS,
  });
  return engine.query(`SELECT ${select} FROM t ${where}`).toArray();
}

test('precise values keep every digit; CAST to fewer digits truncates; CAST to STRING shows p digits', async () => {
  const rows = await query(`ts9, ts6, CAST(ts9 AS TIMESTAMP(6)) AS t6, CAST(ts9 AS TIMESTAMP(3)) AS t3, CAST(ts9 AS TIMESTAMP(0)) AS t0,
      CAST(ts3 AS TIMESTAMP(9)) AS up, CAST(ts6 AS STRING) AS s6, CAST(CAST('2020-01-01 23:59:59.999999999' AS TIMESTAMP(7)) AS STRING) AS s7,
      CAST(ts9 AS DATE) AS d, CAST(ts9 AS TIME(9)) AS tm, CAST(DATE '2020-01-02' AS TIMESTAMP(6)) AS midnight,
      TIMESTAMP '2020-01-01 10:00:00.1234567' AS lit`);
  assert.deepEqual(rows[0], {
    ts9: '2020-01-01 10:00:05.123456789', ts6: '2020-01-01 10:00:05.123456', t6: '2020-01-01 10:00:05.123456',
    t3: '2020-01-01 10:00:05.123', t0: '2020-01-01 10:00:05', up: '2020-01-01 10:00:05.123000000', s6: '2020-01-01 10:00:05.123456',
    s7: '2020-01-01 23:59:59.9999999', d: '2020-01-01', tm: '10:00:05.123', midnight: '2020-01-02 00:00:00.000000',
    lit: '2020-01-01 10:00:00.1234567',
  });
  assert.equal(rows[1]!.t6, '2020-01-01 10:00:05.000000');
});

test('comparisons across precisions, widening in CASE and COALESCE, grouping, MIN and MAX', async () => {
  assert.deepEqual(await query(`k, ts3 < ts6 AS lt, ts6 = CAST(ts9 AS TIMESTAMP(6)) AS eq, ts9 > TIMESTAMP '2020-01-01 10:00:05.123456788' AS gt,
      CASE WHEN k = 1 THEN ts3 ELSE ts6 END AS c, COALESCE(ts3, ts9) AS co`), [
    { k: 1, lt: true, eq: true, gt: true, c: '2020-01-01 10:00:05.123000', co: '2020-01-01 10:00:05.123000000' },
    { k: 2, lt: false, eq: false, gt: false, c: '2020-01-01 10:00:05.123457', co: '2020-01-01 10:00:05.124000000' },
  ]);
  assert.deepEqual(await query('MIN(ts9) AS mn, MAX(ts9) AS mx, MAX(ts6) AS m6'), [
    { mn: '2020-01-01 10:00:05.000000001', mx: '2020-01-01 10:00:05.123456789', m6: '2020-01-01 10:00:05.123457' },
  ]);
  assert.deepEqual(await query('k', "WHERE ts9 IN (TIMESTAMP '2020-01-01 10:00:05.000000001')"), [{ k: 2 }]);
});

test('± INTERVAL, EXTRACT to the nanosecond, DATE_FORMAT and TO_TIMESTAMP with S… patterns', async () => {
  const rows = await query(`ts9 + INTERVAL '1' SECOND AS later, ts6 - INTERVAL '0.001' SECOND AS earlier,
      EXTRACT(MILLISECOND FROM ts9) AS ms, EXTRACT(MICROSECOND FROM ts9) AS us, EXTRACT(NANOSECOND FROM ts9) AS ns,
      EXTRACT(MICROSECOND FROM ts3) AS us3, SECOND(ts9) AS s,
      DATE_FORMAT(ts9, 'HH:mm:ss.SSSSSSSSS') AS f9, DATE_FORMAT(ts3, 'ss.SSSSSS') AS f3,
      TO_TIMESTAMP('2020-01-01 10:00:00.123456', 'yyyy-MM-dd HH:mm:ss.SSSSSS') AS parsed`);
  assert.deepEqual(rows[0], {
    later: '2020-01-01 10:00:06.123456789', earlier: '2020-01-01 10:00:05.122456', ms: 123n, us: 123456n, ns: 123456789n,
    us3: 123000n, s: 5n, f9: '10:00:05.123456789', f3: '05.123000', parsed: '2020-01-01 10:00:00.123',
  });
});

test('TIMESTAMP_LTZ(p > 3) converts in the session zone with its sub-millisecond digits; the embedded API gets ISO text', async () => {
  const engine = new Engine();
  await engine.execute("SET 'table.local-time-zone' = 'Asia/Kolkata'");
  const rows = await engine.query(`SELECT CAST(TIMESTAMP '2020-01-01 10:00:00.123456789' AS TIMESTAMP_LTZ(9)) AS l9,
      CAST(CAST(TIMESTAMP '2020-01-01 10:00:00.123456789' AS TIMESTAMP_LTZ(6)) AS STRING) AS s6,
      CAST(CAST('2020-01-01 10:00:00.1234567' AS TIMESTAMP_LTZ(7)) AS TIMESTAMP(9)) AS wall,
      CAST(TIMESTAMP '2020-01-01 10:00:00.123456' AS TIMESTAMP_LTZ(6)) = CAST(TIMESTAMP '2020-01-01 10:00:00.123' AS TIMESTAMP_LTZ(3)) AS eq`).toArray();
  assert.deepEqual(rows, [{
    l9: '2020-01-01T04:30:00.123456789Z', s6: '2020-01-01 10:00:00.123456', wall: '2020-01-01 10:00:00.123456700', eq: false,
  }]);
});

test('TIME(p > 3) keeps milliseconds, as Flink TIME does', async () => {
  assert.deepEqual(await query("CAST('10:00:01.123456' AS TIME(6)) AS t, CAST(ts9 AS TIME(6)) AS c", 'WHERE k = 1'), [
    { t: '10:00:01.123', c: '10:00:05.123' },
  ]);
});

test('Arrow columns are Timestamp(MICROSECOND) for p 4–6 and Timestamp(NANOSECOND) for 7–9, read back exactly', () => {
  assert.ok(arrowType(timestamp(6)) instanceof arrow.TimestampMicrosecond);
  assert.ok(arrowType(timestamp(9)) instanceof arrow.TimestampNanosecond);
  assert.ok(arrowType(timestampLtz(5)) instanceof arrow.TimestampMicrosecond);
  const s = schema([field('a', timestamp(6)), field('b', timestamp(9)), field('c', timestampLtz(7))]);
  const values = [
    [1_577_872_805_123_456_000n, -1_000n, null],
    [1_577_872_805_123_456_789n, null, 1n],
    [-1_577_872_805_123_456_700n, 0n, 9_000_000_000_000_000_100n],
  ];
  const batch = makeBatch(s, values);
  const stored = (column: number): BigInt64Array => {
    const words = batch.getChildAt(column)!.data[0]!.values as Int32Array;
    return new BigInt64Array(words.buffer, words.byteOffset, 3);
  };
  assert.deepEqual([...stored(0)].slice(0, 2), [1_577_872_805_123_456n, -1n]); // microseconds
  assert.deepEqual([...stored(1)], [1_577_872_805_123_456_789n, 0n, 1n]); // nanoseconds (0 under the NULL)
  assert.deepEqual(readColumns(batch, s), values);
});

test('print shows java.time forms: fractions in groups of three digits', () => {
  assert.equal(printedValue(1_577_872_805_123_456_789n, timestamp(9)), '2020-01-01T10:00:05.123456789');
  assert.equal(printedValue(1_577_872_805_100_000_000n, timestamp(6)), '2020-01-01T10:00:05.100');
  assert.equal(printedValue(1_577_872_800_000_000_000n, timestamp(9)), '2020-01-01T10:00');
  assert.equal(printedValue(1_577_872_805_000_001_000n, timestampLtz(6)), '2020-01-01T10:00:05.000001Z');
});

test('an event-time attribute must have precision 0 to 3', async () => {
  const engine = new Engine();
  await assert.rejects(
    engine.execute("CREATE TABLE e (ts TIMESTAMP(6),\n  WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen')"),
    (error: unknown) => {
      assert.ok(error instanceof PlanError);
      assert.equal(error.message, "Invalid data type of time field for watermark definition. The field 'ts' must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but is TIMESTAMP(6) at 2:3");
      return true;
    },
  );
});
