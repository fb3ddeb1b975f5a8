/**
 * Lookup joins end to end (`JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c`) against real SQLite files:
 * INNER and LEFT (misses padded), residual and constant conditions, composite and computed keys, SQLite values
 * mapped back to Sluice types (as the sqlite sink writes them), a table written by one job and looked up by
 * another, cache counters in the job summary, an updating probe side (row kinds pass through, as in Flink),
 * EXPLAIN, and planning errors. Flink cannot check these answers (its JDBC lookup needs a JDBC driver); they are
 * checked by hand.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConnectorError, NotImplementedError, PlanError } from '../../src/common/errors.js';
import { Engine, type Row, type StatementResult } from '../../src/index.js';

const ORDERS = [
  { order_id: 'o1', customer_id: 1, region: 'EU', amount: 10 },
  { order_id: 'o2', customer_id: 2, region: 'EU', amount: 20 },
  { order_id: 'o3', customer_id: 3, region: 'US', amount: 30 },
  { order_id: 'o4', customer_id: 1, region: 'US', amount: 40 },
  { order_id: 'o5', customer_id: null, region: 'EU', amount: 50 },
  { order_id: 'o6', customer_id: 1, region: 'EU', amount: 60 },
];

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-lookup-'));
  writeFileSync(join(dir, 'orders.jsonl'), ORDERS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const db = new Database(join(dir, 'shop.db'));
  db.exec(`CREATE TABLE customers (id INTEGER, region TEXT, name TEXT, status TEXT, PRIMARY KEY (id, region))`);
  const insert = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?)');
  insert.run(1, 'EU', 'Ann', 'active');
  insert.run(1, 'US', 'Ann (US)', 'active');
  insert.run(2, 'EU', 'Bob', 'blocked');
  db.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function engine(config: Record<string, string> = {}): Promise<Engine> {
  const e = new Engine({ printLine: () => {}, baseDirectory: dir, config });
  await e.execute(`CREATE TABLE orders (order_id STRING, customer_id INT, region STRING, amount INT, proc_time AS PROCTIME())
    WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json')`);
  await e.execute(`CREATE TABLE customers (id INT, region STRING, name STRING, status STRING, PRIMARY KEY (id, region) NOT ENFORCED)
    WITH ('connector' = 'sqlite', 'path' = 'shop.db', 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '100')`);
  await e.execute(`CREATE TABLE customer_names (id INT, name STRING)
    WITH ('connector' = 'sqlite', 'path' = 'shop.db', 'table-name' = 'customers')`);
  return e;
}

function strings(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? '-' : String(v))).join(' ')).sort();
}

test('INNER: each order joins its customer by composite key; NULL and missing keys match nothing; append-only', async () => {
  const result = (await engine()).query(`SELECT o.order_id, c.name FROM orders AS o
    JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id AND o.region = c.region`);
  assert.equal(result.updating, false);
  assert.deepEqual(strings(await result.toArray()), ['o1 Ann', 'o2 Bob', 'o4 Ann (US)', 'o6 Ann']);
});

test('LEFT: orders without a customer are padded with NULLs; a residual condition on the customer also pads', async () => {
  const e = await engine();
  const rows = await e.query(`SELECT o.order_id, c.name, c.status FROM orders AS o
    LEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c
    ON o.customer_id = c.id AND o.region = c.region AND c.status <> 'blocked'`).toArray();
  assert.deepEqual(strings(rows), ['o1 Ann active', 'o2 - -', 'o3 - -', 'o4 Ann (US) active', 'o5 - -', 'o6 Ann active']);
});

test('a constant equality on the lookup table is a lookup key; a key may be an expression over the order', async () => {
  const e = await engine();
  const constant = `SELECT o.order_id, c.name FROM orders AS o
    JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id AND c.region = 'EU'`;
  assert.deepEqual(strings(await e.query(constant).toArray()), ['o1 Ann', 'o2 Bob', 'o4 Ann', 'o6 Ann']);
  assert.match(e.explain(constant), /lookup=\[id=customer_id, region='EU'\]/);
  const computed = `SELECT o.order_id, c.name FROM orders AS o
    JOIN customer_names FOR SYSTEM_TIME AS OF o.proc_time AS c ON c.id = o.amount / 10 - 1`;
  assert.deepEqual(strings(await e.query(computed).toArray()), ['o2 Ann', 'o2 Ann (US)', 'o3 Bob']);
});

test('EXPLAIN shows the LookupJoin with its table, join type, keys, residual, output and cache', async () => {
  const e = await engine();
  const plan = e.explain(`SELECT o.order_id, c.name FROM orders AS o
    LEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id AND o.region = c.region AND c.status <> 'blocked'`);
  assert.match(plan, /LookupJoin\(table=\[customers\], joinType=\[LeftOuterJoin\], lookup=\[id=customer_id, region=region\], where=\[\(status <> 'blocked'\)\], select=\[order_id, customer_id, region, amount, proc_time, id, region0, name, status\], cache=\[PARTIAL\(max-rows=100, cache-missing-key=true\)\]\)/);
  assert.match(plan, /Calc\(select=\[order_id, customer_id, region, amount, PROCTIME\(\) AS proc_time\]\)/);
  assert.match(plan, /append-only \(\+I\)/);
  const uncached = e.explain(`SELECT * FROM orders AS o JOIN customer_names FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id`);
  assert.match(uncached, /cache=\[NONE\]/);
});

test('cache counters in the job summary: repeated keys are hits, first sightings misses', async () => {
  const result = (await engine()).query(`SELECT o.order_id, c.name FROM orders AS o
    LEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id AND o.region = c.region`);
  await result.toArray();
  const customers = (await result.done()).tables.find((t) => t.table === 'customers');
  // Keys (1,EU) (2,EU) (3,US) (1,US) (1,EU): four misses, one hit; the NULL key of o5 is never looked up.
  assert.deepEqual([customers?.lookupCacheHits, customers?.lookupCacheMisses], [1, 4]);
});

test('SQLite values map back to Sluice types as the sqlite sink writes them; a value that does not fit fails naming column and key', async () => {
  const e = await engine();
  await e.execute(`CREATE TABLE typed (id BIGINT, price DECIMAL(10, 2), ratio DOUBLE, flag BOOLEAN, ts TIMESTAMP(3), d DATE, PRIMARY KEY (id) NOT ENFORCED)
    WITH ('connector' = 'sqlite', 'path' = 'typed.db')`);
  const write = await e.execute(`INSERT INTO typed SELECT CAST(customer_id AS BIGINT), CAST(amount AS DECIMAL(10, 2)) / 4, amount / 3.0E0,
      amount > 20, TIMESTAMP '2024-02-29 12:34:56.789' + INTERVAL '1' DAY * amount, DATE '2024-01-01'
    FROM orders WHERE customer_id IS NOT NULL AND region = 'EU'`);
  await jobOf(write).done();
  const rows = await e.query(`SELECT o.order_id, t.id, t.price, t.ratio, t.flag, t.ts, t.d FROM orders AS o
    JOIN typed FOR SYSTEM_TIME AS OF o.proc_time AS t ON CAST(o.customer_id AS BIGINT) = t.id WHERE o.order_id = 'o2'`).toArray();
  assert.deepEqual(rows, [{ order_id: 'o2', id: 2n, price: '5.00', ratio: 20 / 3, flag: false, ts: '2024-03-20 12:34:56.789', d: '2024-01-01' }]);
  const db = new Database(join(dir, 'typed.db'));
  db.prepare("UPDATE typed SET price = 'twelve' WHERE id = 2").run();
  db.close();
  await assert.rejects(
    e.query(`SELECT o.order_id, t.price FROM orders AS o JOIN typed FOR SYSTEM_TIME AS OF o.proc_time AS t ON CAST(o.customer_id AS BIGINT) = t.id`).toArray(),
    (err: unknown) => err instanceof ConnectorError && /column 'price' of the SQLite table 'typed' in 'typed.db' holds TEXT 'twelve', which is not a DECIMAL\(10, 2\) \(row of id=2\)/.test(err.message),
  );
});

test('a table written by one job (sqlite sink) is looked up by another', async () => {
  const e = await engine();
  await e.execute(`CREATE TABLE totals (region STRING, total INT, PRIMARY KEY (region) NOT ENFORCED) WITH ('connector' = 'sqlite', 'path' = 'totals.db')`);
  await jobOf(await e.execute('INSERT INTO totals SELECT region, SUM(amount) FROM orders GROUP BY region')).done();
  const rows = await e.query(`SELECT o.order_id, t.total FROM orders AS o
    JOIN totals FOR SYSTEM_TIME AS OF o.proc_time AS t ON o.region = t.region WHERE o.amount >= 40`).toArray();
  assert.deepEqual(strings(rows), ['o4 70', 'o5 140', 'o6 140']);
});

test('an updating probe side: each change is looked up and keeps its row kind, as in Flink', async () => {
  const result = (await engine()).query(`SELECT s.customer_id, s.total, c.name FROM
    (SELECT customer_id, SUM(amount) AS total, PROCTIME() AS pt FROM orders WHERE region = 'EU' GROUP BY customer_id) AS s
    JOIN customer_names FOR SYSTEM_TIME AS OF s.pt AS c ON s.customer_id = c.id`);
  assert.equal(result.updating, true);
  const changes: string[] = [];
  for await (const change of result) changes.push(`${change.op} ${strings([change.row])[0]}`);
  assert.ok(changes.includes('-U 1 10 Ann') && changes.includes('+U 1 70 Ann (US)'), changes.join('\n'));
  assert.deepEqual(strings(await (await engine()).query(`SELECT s.customer_id, s.total, c.name FROM
    (SELECT customer_id, SUM(amount) AS total, PROCTIME() AS pt FROM orders WHERE region = 'EU' GROUP BY customer_id) AS s
    JOIN customer_names FOR SYSTEM_TIME AS OF s.pt AS c ON s.customer_id = c.id`).toArray()), ['1 70 Ann', '1 70 Ann (US)', '2 20 Bob']);
});

test('errors: a table without lookups, no equality on the lookup table, a view, an invalid cache option, computed columns, a missing database', async () => {
  const e = await engine();
  await e.execute(`CREATE TABLE orders_fs (order_id STRING, customer_id INT) WITH ('connector' = 'filesystem', 'path' = 'orders.jsonl', 'format' = 'json')`);
  const notLookup = `SELECT * FROM orders AS o JOIN orders_fs FOR SYSTEM_TIME AS OF o.proc_time AS f ON o.order_id = f.order_id`;
  assert.throws(() => e.explain(notLookup), (err: unknown) => err instanceof PlanError
    && /Table 'orders_fs' \(connector 'filesystem'\) cannot be looked up/.test(err.message) && err.position?.line === 1 && err.position.column === 32);
  assert.throws(() => e.explain(`SELECT * FROM orders AS o JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.amount > c.id`),
    (err: unknown) => err instanceof PlanError && /requires an equality condition on fields of table 'customers'/.test(err.message));
  await e.execute('CREATE VIEW customer_view AS SELECT * FROM customer_names');
  assert.throws(() => e.explain(`SELECT * FROM orders AS o JOIN customer_view FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id`),
    (err: unknown) => err instanceof PlanError && /'customer_view' is a view or a query/.test(err.message));
  await e.execute(`CREATE TABLE bad_cache (id INT, name STRING) WITH ('connector' = 'sqlite', 'path' = 'shop.db', 'table-name' = 'customers', 'lookup.cache' = 'PARTIAL')`);
  assert.throws(() => e.explain(`SELECT * FROM orders AS o JOIN bad_cache FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id`),
    (err: unknown) => err instanceof ConnectorError && /needs at least one eviction policy/.test(err.message));
  await e.execute(`CREATE TABLE computed_customers (id INT, name STRING, upper_name AS UPPER(name)) WITH ('connector' = 'sqlite', 'path' = 'shop.db', 'table-name' = 'customers')`);
  assert.throws(() => e.explain(`SELECT * FROM orders AS o JOIN computed_customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id`),
    (err: unknown) => err instanceof NotImplementedError && /computed column \('upper_name'\)/.test(err.message));
  await e.execute(`CREATE TABLE missing_db (id INT, name STRING) WITH ('connector' = 'sqlite', 'path' = 'nowhere.db')`);
  await assert.rejects(e.query(`SELECT * FROM orders AS o JOIN missing_db FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id`).toArray(),
    (err: unknown) => err instanceof ConnectorError && /cannot open 'nowhere.db' for lookups/.test(err.message));
});

function jobOf(result: StatementResult): { done(): Promise<unknown> } {
  assert.equal(result.kind, 'job');
  return (result as Extract<StatementResult, { kind: 'job' }>).job;
}
