/**
 * Event-time temporal joins end to end (`JOIN currency_rates FOR SYSTEM_TIME AS OF o.order_time`), checked by hand
 * against Flink's documented currency_rates example: each order joins the rate valid at its time; LEFT pads orders
 * without a version; batch-size independence; a late order counted; EXPLAIN; errors for non-versioned tables.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanError } from '../../src/common/errors.js';
import { Engine, type EngineOptions, type Row } from '../../src/index.js';

const RATES = [
  { update_time: '2020-01-01 09:00:00', currency: 'Yen', rate: 102 },
  { update_time: '2020-01-01 09:00:00', currency: 'Euro', rate: 114 },
  { update_time: '2020-01-01 09:00:00', currency: 'USD', rate: 1 },
  { update_time: '2020-01-01 11:15:00', currency: 'Euro', rate: 119 },
  { update_time: '2020-01-01 11:49:00', currency: 'Pounds', rate: 108 },
];
/** Orders; the one at 10:00 arrives after the watermark passed it (late). */
const ORDERS = [
  { order_id: 'o1', order_time: '2020-01-01 10:15:00', amount: 2, currency: 'Euro' },
  { order_id: 'o2', order_time: '2020-01-01 10:30:00', amount: 1, currency: 'USD' },
  { order_id: 'o3', order_time: '2020-01-01 10:32:00', amount: 50, currency: 'Yen' },
  { order_id: 'o4', order_time: '2020-01-01 10:52:00', amount: 3, currency: 'Euro' },
  { order_id: 'o5', order_time: '2020-01-01 11:04:00', amount: 5, currency: 'USD' },
  { order_id: 'o6', order_time: '2020-01-01 10:00:00', amount: 7, currency: 'USD' },
  { order_id: 'o7', order_time: '2020-01-01 11:30:00', amount: 1, currency: 'Pounds' },
  { order_id: 'o8', order_time: '2020-01-01 12:00:00', amount: 1, currency: 'Pounds' },
  { order_id: 'o9', order_time: '2020-01-01 12:00:00', amount: 1, currency: 'Euro' },
];

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-temporal-'));
  writeFileSync(join(dir, 'rates.jsonl'), RATES.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(join(dir, 'orders.jsonl'), ORDERS.map((r) => JSON.stringify(r)).join('\n') + '\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function engine(options: EngineOptions = {}): Promise<Engine> {
  const e = new Engine({ printLine: () => {}, baseDirectory: dir, ...options });
  await e.execute(`CREATE TABLE currency_rates (update_time TIMESTAMP(3), currency STRING, rate INT,
      PRIMARY KEY (currency) NOT ENFORCED, WATERMARK FOR update_time AS update_time)
    WITH ('connector' = 'filesystem', 'path' = 'rates.jsonl', 'format' = 'json')`);
  await e.execute(`CREATE TABLE currency_rates_nokey (update_time TIMESTAMP(3), currency STRING, rate INT,
      WATERMARK FOR update_time AS update_time)
    WITH ('connector' = 'filesystem', 'path' = 'rates.jsonl', 'format' = 'json')`);
  await e.execute(`CREATE TABLE orders (order_id STRING, order_time TIMESTAMP(3), amount INT, currency STRING,
      WATERMARK FOR order_time AS order_time - INTERVAL '10' MINUTE)
    WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json')`);
  return e;
}

const QUERY = (joinType: string) => `SELECT o.order_id, o.amount * r.rate AS converted, r.update_time
  FROM orders AS o ${joinType} JOIN currency_rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency`;

function strings(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? '-' : String(v))).join(' ')).sort();
}

const INNER = [
  'o1 228 2020-01-01 09:00:00.000',
  'o2 1 2020-01-01 09:00:00.000',
  'o3 5100 2020-01-01 09:00:00.000',
  'o4 342 2020-01-01 09:00:00.000',
  'o5 5 2020-01-01 09:00:00.000',
  'o8 108 2020-01-01 11:49:00.000',
  'o9 119 2020-01-01 11:15:00.000',
];

for (const batchSize of ['1', '4096']) {
  test(`inner and LEFT temporal joins, batch size ${batchSize}: the version valid at each order's time; append-only; late order counted`, async () => {
    const config = { 'sluice.batch-size': batchSize };
    const inner = (await engine({ config })).query(QUERY(''));
    assert.equal(inner.updating, false);
    const ops: string[] = [];
    const rows: Row[] = [];
    for await (const change of inner) {
      ops.push(change.op);
      rows.push(change.row);
    }
    assert.ok(ops.every((op) => op === '+I'));
    assert.deepEqual(strings(rows), INNER);
    const summary = await inner.done();
    assert.equal(summary.tables.find((t) => t.table === 'orders')?.lateRecords, 1);
    const left = await (await engine({ config })).query(QUERY('LEFT')).toArray();
    // o7 (Pounds at 11:30) precedes the first Pounds version (11:49): padded.
    assert.deepEqual(strings(left), [...INNER, 'o7 - -'].sort());
  });
}

test('a residual condition on the version decides the match; EXPLAIN shows the TemporalJoin', async () => {
  const e = await engine();
  const sql = `SELECT o.order_id, r.rate FROM orders AS o LEFT JOIN currency_rates FOR SYSTEM_TIME AS OF o.order_time AS r
    ON o.currency = r.currency AND r.rate > 100`;
  assert.deepEqual(strings(await e.query(sql).toArray()), ['o1 114', 'o2 -', 'o3 102', 'o4 114', 'o5 -', 'o7 -', 'o8 108', 'o9 119']);
  assert.match(e.explain(sql), /TemporalJoin\(joinType=\[LeftOuterJoin\], isRowTime=\[true\], leftTime=\[order_time\], rightTime=\[update_time\], where=\[currency = currency0 AND \(rate > 100\)\]/);
});

test('a deduplicated view (keep last row per key on event time) is a versioned table', async () => {
  const e = await engine();
  await e.execute(`CREATE VIEW versioned_rates AS SELECT currency, rate, update_time FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY update_time DESC) AS rn FROM currency_rates_nokey) WHERE rn = 1`);
  const rows = await e.query(`SELECT o.order_id, o.amount * r.rate AS converted, r.update_time
    FROM orders AS o JOIN versioned_rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency`).toArray();
  assert.deepEqual(strings(rows), INNER);
});

test('errors: no primary key, key not equated, processing time, RIGHT join', async () => {
  const e = await engine();
  assert.throws(() => e.explain(`SELECT * FROM orders AS o JOIN currency_rates_nokey FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency`),
    (err: unknown) => err instanceof PlanError && /PRIMARY KEY/.test(err.message));
  assert.throws(() => e.explain(`SELECT * FROM orders AS o JOIN currency_rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.amount = r.rate`),
    (err: unknown) => err instanceof PlanError && /does not equate currency/.test(err.message));
  assert.throws(() => e.explain(`SELECT * FROM orders AS o RIGHT JOIN currency_rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency`),
    /INNER or LEFT/);
  assert.throws(() => e.explain(`SELECT * FROM currency_rates FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01 00:00:00'`), /right side of a JOIN/);
});

test('sqlite state backend: same rows as memory (pending orders and versions as keyed state)', async () => {
  const rows = await (await engine({ config: { 'state.backend': 'sqlite', 'sluice.batch-size': '2' } })).query(QUERY('LEFT')).toArray();
  assert.deepEqual(strings(rows), [...INNER, 'o7 - -'].sort());
});
