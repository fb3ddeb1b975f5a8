/**
 * Join keys computed from expressions (`ON LOWER(o.who) = c.name`, `ON o.cust + 1 = c.cust`), as Flink's
 * JoinPushExpressionsRule: the join is hashed on the computed values instead of running keyless on one partition,
 * with the same answer — for every join type, with a residual condition, and for an interval join.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { materialise } from './changelog.js';
import { Engine, type Change } from '../../src/index.js';

function engine(batchSize = '4096'): Engine {
  const e = new Engine({ printLine: () => {}, config: { 'sluice.batch-size': batchSize } });
  e.registerTable('Orders', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'id', type: 'STRING' }, { name: 'who', type: 'STRING' }, { name: 'cust', type: 'INT' }, { name: 'amount', type: 'INT' }],
    rows: [
      { ts: '2020-04-15 12:00:00', id: 'o1', who: 'ANN', cust: 0, amount: 10 },
      { ts: '2020-04-15 12:01:00', id: 'o2', who: 'Bob', cust: 1, amount: 20 },
      { ts: '2020-04-15 12:02:00', id: 'o3', who: 'ann', cust: 0, amount: 30 },
      { ts: '2020-04-15 12:03:00', id: 'o4', who: 'Cy', cust: 2, amount: 40 },
      { ts: '2020-04-15 12:04:00', id: 'o5', who: null, cust: null, amount: 50 },
    ],
    watermark: { column: 'ts', expression: "ts - INTERVAL '1' SECOND" },
  });
  e.registerTable('Customers', {
    columns: [{ name: 'ts', type: 'TIMESTAMP(3)' }, { name: 'cust', type: 'INT' }, { name: 'name', type: 'STRING' }, { name: 'max_amount', type: 'INT' }],
    rows: [
      { ts: '2020-04-15 12:00:30', cust: 1, name: 'ann', max_amount: 25 },
      { ts: '2020-04-15 12:01:30', cust: 2, name: 'bob', max_amount: 100 },
      { ts: '2020-04-15 12:30:00', cust: 4, name: 'dee', max_amount: 100 },
    ],
    watermark: { column: 'ts', expression: "ts - INTERVAL '1' SECOND" },
  });
  return e;
}

async function rowsOf(e: Engine, sql: string): Promise<string[]> {
  const changes: Change[] = [];
  for await (const change of e.query(sql)) changes.push(change);
  return materialise(changes);
}

const CASES: Record<string, { on: string; rows: string[] }> = {
  INNER: { on: 'LOWER(o.who) = c.name', rows: ['o1 ann', 'o2 bob', 'o3 ann'] },
  LEFT: { on: 'LOWER(o.who) = c.name', rows: ['o1 ann', 'o2 bob', 'o3 ann', 'o4 -', 'o5 -'] },
  RIGHT: { on: 'c.name = LOWER(o.who)', rows: ['- dee', 'o1 ann', 'o2 bob', 'o3 ann'] },
  'FULL OUTER': { on: 'o.cust + 1 = c.cust', rows: ['- dee', 'o1 ann', 'o2 bob', 'o3 ann', 'o4 -', 'o5 -'] },
};

for (const [joinType, { on, rows }] of Object.entries(CASES)) {
  for (const batchSize of ['1', '4096']) {
    test(`${joinType} JOIN ON ${on}, batch size ${batchSize}: hashed on the computed key, the join's answer`, async () => {
      const e = engine(batchSize);
      const sql = `SELECT o.id, c.name FROM Orders o ${joinType} JOIN Customers c ON ${on}`;
      assert.match(e.explain(sql), /Exchange\(distribution=\[hash\[\$join_key0\]\]\)/);
      assert.deepEqual(await rowsOf(e, sql), rows);
    });
  }
}

test('a computed key with a column key and a residual condition; the hidden key columns never show', async () => {
  const e = engine();
  const sql = 'SELECT * FROM Orders o LEFT JOIN Customers c ON LOWER(o.who) = c.name AND o.cust + 1 = c.cust AND o.amount <= c.max_amount';
  assert.match(e.explain(sql), /hash\[\$join_key0, \$join_key1\]/);
  const result = e.query(sql);
  const changes: Change[] = [];
  for await (const change of result) changes.push(change);
  assert.deepEqual(Object.keys(changes[0]!.row), ['ts', 'id', 'who', 'cust', 'amount', 'ts0', 'cust0', 'name', 'max_amount']);
  assert.equal(materialise(changes).length, 5);
  const picked = 'SELECT o.id, c.name, c.max_amount FROM Orders o LEFT JOIN Customers c ON LOWER(o.who) = c.name AND o.cust + 1 = c.cust AND o.amount <= c.max_amount';
  assert.deepEqual(await rowsOf(e, picked), ['o1 ann 25', 'o2 bob 100', 'o3 - -', 'o4 - -', 'o5 - -']);
});

test('an interval join with a computed key keeps its time attributes', async () => {
  const e = engine();
  const sql = `SELECT o.id, c.name, o.ts FROM Orders o JOIN Customers c ON LOWER(o.who) = c.name
    AND o.ts BETWEEN c.ts - INTERVAL '1' MINUTE AND c.ts`;
  const plan = e.explain(sql);
  assert.match(plan, /IntervalJoin/);
  assert.match(plan, /hash\[\$join_key0\]/);
  assert.deepEqual(await rowsOf(e, sql), ['o1 ann 2020-04-15 12:00:00.000', 'o2 bob 2020-04-15 12:01:00.000']);
});

test('an expression that is not deterministic stays in the condition (no key)', () => {
  const plan = engine().explain('SELECT o.id FROM Orders o JOIN Customers c ON o.cust = c.cust + RAND_INTEGER(2)');
  assert.doesNotMatch(plan, /join_key/);
  assert.match(plan, /distribution=\[single\]/);
});
