/**
 * Regular joins end to end: INNER / LEFT / RIGHT / FULL with keys and residual conditions, CROSS and comma joins,
 * an updating (GROUP BY) input, batch-size independence, both state backends, EXPLAIN, materialised time
 * attributes, and errors with positions. The operator's exact changelog is in regular-join-operator.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanError } from '../../src/common/errors.js';
import { Engine, type Change, type EngineOptions, type Row } from '../../src/index.js';

function engine(options: EngineOptions = {}): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('Orders', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'id', type: 'STRING' }, { name: 'cust', type: 'INT' }, { name: 'amount', type: 'INT' }],
    rows: [
      { ts: '2020-04-15 12:00:00', id: 'o1', cust: 1, amount: 10 },
      { ts: '2020-04-15 12:01:00', id: 'o2', cust: 2, amount: 20 },
      { ts: '2020-04-15 12:02:00', id: 'o3', cust: 1, amount: 30 },
      { ts: '2020-04-15 12:03:00', id: 'o4', cust: 3, amount: 40 },
      { ts: '2020-04-15 12:04:00', id: 'o5', cust: null, amount: 50 },
    ],
    watermark: { column: 'ts', expression: "ts - INTERVAL '1' SECOND" },
  });
  e.registerTable('Customers', {
    columns: [{ name: 'cust', type: 'INT' }, { name: 'name', type: 'STRING' }, { name: 'max_amount', type: 'INT' }],
    rows: [
      { cust: 1, name: 'Ann', max_amount: 25 },
      { cust: 2, name: 'Bob', max_amount: 100 },
      { cust: 4, name: 'Dee', max_amount: 100 },
    ],
  });
  return e;
}

const JOIN = (joinType: string, extra = '') => `SELECT o.id, c.name FROM Orders o ${joinType} JOIN Customers c ON o.cust = c.cust${extra}`;

function strings(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? '-' : String(v))).join(' ')).sort();
}

const key = (row: Row): string => Object.values(row).map(String).join('|');

/** Applies changes in order; every retraction must remove a row that is there. */
function materialise(changes: readonly Change[]): Row[] {
  const rows: Row[] = [];
  for (const change of changes) {
    if (change.op === '+I' || change.op === '+U') rows.push(change.row);
    else {
      const at = rows.findIndex((r) => key(r) === key(change.row));
      assert.ok(at >= 0, `retraction of a row not in the result: ${change.op} ${key(change.row)}`);
      rows.splice(at, 1);
    }
  }
  return rows;
}

async function changesOf(e: Engine, sql: string): Promise<{ changes: Change[]; updating: boolean }> {
  const result = e.query(sql);
  const changes: Change[] = [];
  for await (const change of result) changes.push(change);
  return { changes, updating: result.updating };
}

const EXPECTED: Record<string, { rows: string[]; updating: boolean }> = {
  INNER: { rows: ['o1 Ann', 'o2 Bob', 'o3 Ann'], updating: false },
  LEFT: { rows: ['o1 Ann', 'o2 Bob', 'o3 Ann', 'o4 -', 'o5 -'], updating: true },
  RIGHT: { rows: ['- Dee', 'o1 Ann', 'o2 Bob', 'o3 Ann'], updating: true },
  'FULL OUTER': { rows: ['- Dee', 'o1 Ann', 'o2 Bob', 'o3 Ann', 'o4 -', 'o5 -'], updating: true },
};

for (const [joinType, expected] of Object.entries(EXPECTED)) {
  for (const batchSize of ['1', '4096']) {
    test(`${joinType} JOIN, batch size ${batchSize}: the changelog materialises to the join of the inputs`, async () => {
      const e = engine({ config: { 'sluice.batch-size': batchSize } });
      const { changes, updating } = await changesOf(e, JOIN(joinType));
      assert.equal(updating, expected.updating);
      assert.deepEqual(strings(materialise(changes)), expected.rows);
      if (!expected.updating) assert.ok(changes.every((c) => c.op === '+I'), 'an inner join of append-only inputs is append-only');
      else assert.ok(changes.every((c) => c.op === '+I' || c.op === '-D'), 'joins emit +I and -D, as Flink');
    });
  }
}

test('a residual condition joins only the pairs it accepts; outer rows without such a pair are padded', async () => {
  const rows = await engine().query(JOIN('LEFT', ' AND o.amount <= c.max_amount')).toArray();
  assert.deepEqual(strings(rows), ['o1 Ann', 'o2 Bob', 'o3 -', 'o4 -', 'o5 -']);
});

test('CROSS JOIN and FROM a, b are inner joins without keys (a WHERE filters them)', async () => {
  const e = engine();
  const cross = await e.query('SELECT o.id, c.name FROM Orders o CROSS JOIN Customers c WHERE o.amount > 30').toArray();
  assert.deepEqual(strings(cross), ['o4 Ann', 'o4 Bob', 'o4 Dee', 'o5 Ann', 'o5 Bob', 'o5 Dee']);
  const comma = await e.query('SELECT o.id, c.name FROM Orders o, Customers c WHERE o.cust = c.cust AND c.name = \'Ann\'').toArray();
  assert.deepEqual(strings(comma), ['o1 Ann', 'o3 Ann']);
});

test('an updating input (GROUP BY): its -U/+U retract and re-join, the result follows the final counts', async () => {
  for (const batchSize of ['1', '4096']) {
    const e = engine({ config: { 'sluice.batch-size': batchSize } });
    const sql = `SELECT t.cust, t.n, c.name FROM (SELECT cust, COUNT(*) AS n FROM Orders GROUP BY cust) t
      LEFT JOIN Customers c ON t.cust = c.cust`;
    const { changes, updating } = await changesOf(e, sql);
    assert.equal(updating, true);
    assert.deepEqual(strings(materialise(changes)), ['- 1 -', '1 2 Ann', '2 1 Bob', '3 1 -'], `batch size ${batchSize}`);
    assert.ok(changes.some((c) => c.op === '-D' && c.row['n'] === 1n && c.row['cust'] === 1), "customer 1's first count is retracted");
  }
});

test('a three-way join, and a join of a join with an aggregate over it', async () => {
  const e = engine();
  e.registerTable('Regions', { columns: [{ name: 'name', type: 'STRING' }, { name: 'region', type: 'STRING' }], rows: [{ name: 'Ann', region: 'EU' }, { name: 'Bob', region: 'US' }] });
  const rows = await e.query(`SELECT r.region, SUM(o.amount) AS total FROM Orders o JOIN Customers c ON o.cust = c.cust
    JOIN Regions r ON c.name = r.name GROUP BY r.region`).toArray();
  assert.deepEqual(strings(rows), ['EU 40', 'US 20']);
});

test('sqlite state backend: same result as memory', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-join-'));
  try {
    const e = engine({ baseDirectory: directory, config: { 'state.backend': 'sqlite' } });
    const { changes } = await changesOf(e, JOIN('FULL OUTER'));
    assert.deepEqual(strings(materialise(changes)), EXPECTED['FULL OUTER']!.rows);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('time attributes become plain TIMESTAMP(3): a window over a regular join is rejected', async () => {
  const e = engine();
  const result = e.query('SELECT o.ts, c.name FROM Orders o JOIN Customers c ON o.cust = c.cust');
  assert.deepEqual(result.columns.map((c) => c.type), ['TIMESTAMP(3)', 'STRING']);
  await result.toArray();
  await e.execute('CREATE VIEW joined AS SELECT o.ts, c.name FROM Orders o JOIN Customers c ON o.cust = c.cust');
  assert.throws(
    () => e.explain("SELECT * FROM TABLE(TUMBLE(TABLE joined, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"),
    (error: unknown) => error instanceof PlanError && /time attribute/.test(error.message) && /at 1:\d+/.test(error.message),
  );
});

test('EXPLAIN shows the join, its condition and changelog mode, and the state TTL', async () => {
  const e = engine();
  await e.execute("SET 'table.exec.state.ttl' = '1 h'");
  const plan = e.explain(JOIN('LEFT', ' AND o.amount <= c.max_amount'));
  assert.match(plan, /Join\(joinType=\[LeftOuterJoin\], where=\[cust = cust0 AND \(amount <= max_amount\)\], select=\[id, cust, amount, cust0, name, max_amount\], changelog=\[\+I, -D\], stateTtl=\[1 h\]\)/);
  assert.match(plan, /Exchange\(distribution=\[hash\[cust\]\]\)/);
  assert.match(plan, /changelog \(\+I, -U, \+U, -D\): id STRING, name STRING/);
  assert.match(e.explain(JOIN('INNER')), /changelog=\[\+I\], stateTtl=\[1 h\]\)[\s\S]*append-only \(\+I\)/);
});

test('an append-only sink refuses an outer join, naming it', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'sluice-join-sink-'));
  try {
    const e = engine({ baseDirectory: directory });
    await e.execute("CREATE TABLE out_t (id STRING, name STRING) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'json')");
    assert.throws(() => e.explain(`INSERT INTO out_t ${JOIN('LEFT')}`), /doesn't support consuming update changes, which the query produces \(a regular LEFT OUTER JOIN\)/);
    assert.match(e.explain(`INSERT INTO out_t ${JOIN('INNER')}`), /Sink\(table=\[out_t\]/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('JOIN … USING is a keyed join on the USING columns (more in join-using.test.ts)', () => {
  assert.match(engine().explain('SELECT * FROM Orders o JOIN Customers c USING (cust)'), /Join\(joinType=\[InnerJoin\], where=\[cust = cust0\]/);
});
