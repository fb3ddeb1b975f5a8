/**
 * EXISTS as a value — in the SELECT list, under OR or NOT in WHERE, in HAVING — planned as a LEFT join with a marker
 * that is TRUE while the subquery has a row (test/conformance/subquery-exists-value compares with Flink). AND-ed
 * EXISTS conditions of WHERE stay semi / anti joins (semi-anti-join.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, type Change, type EngineOptions } from '../../src/index.js';
import { materialise } from './changelog.js';

function engine(options: EngineOptions = {}): Engine {
  const e = new Engine({ printLine: () => {}, ...options });
  e.registerTable('Orders', {
    columns: [{ name: 'id', type: 'STRING' }, { name: 'cust', type: 'INT' }, { name: 'amount', type: 'INT' }],
    rows: [
      { id: 'o1', cust: 1, amount: 10 },
      { id: 'o2', cust: 2, amount: 20 },
      { id: 'o3', cust: 1, amount: 30 },
      { id: 'o4', cust: 3, amount: 40 },
      { id: 'o5', cust: null, amount: 50 },
    ],
  });
  e.registerTable('Customers', {
    columns: [{ name: 'cust', type: 'INT' }, { name: 'name', type: 'STRING' }],
    rows: [{ cust: 1, name: 'Ann' }, { cust: 2, name: 'Bob' }, { cust: null, name: 'Nil' }, { cust: 1, name: 'Ann2' }],
  });
  return e;
}

async function rows(sql: string, options: EngineOptions = {}): Promise<string[]> {
  const changes: Change[] = [];
  for await (const change of engine(options).query(sql)) changes.push(change);
  return materialise(changes);
}

const CASES: readonly (readonly [string, string, readonly string[]])[] = [
  ['in SELECT, correlated: a NULL key is FALSE; uncorrelated NOT EXISTS over no rows is TRUE',
    "SELECT id, EXISTS (SELECT 1 FROM Customers c WHERE c.cust = o.cust) AS known, NOT EXISTS (SELECT * FROM Customers WHERE name = 'Zed') AS no_zed FROM Orders o",
    ['o1 true true', 'o2 true true', 'o3 true true', 'o4 false true', 'o5 false true']],
  ['under OR in WHERE',
    "SELECT id FROM Orders o WHERE amount > 35 OR EXISTS (SELECT 1 FROM Customers c WHERE c.cust = o.cust AND c.name <> 'Bob')",
    ['o1', 'o3', 'o4', 'o5']],
  ['under NOT … OR, next to an AND-ed semi join',
    'SELECT id FROM Orders o WHERE (NOT EXISTS (SELECT 1 FROM Customers c WHERE c.cust = o.cust) OR amount = 10) AND id IN (SELECT id FROM Orders WHERE amount < 45)',
    ['o1', 'o4']],
  ['over a grouped subquery, read as a whole',
    'SELECT id, EXISTS (SELECT cust FROM Customers GROUP BY cust HAVING COUNT(*) > 1) AS dup FROM Orders WHERE amount < 15',
    ['o1 true']],
];

for (const [name, sql, expected] of CASES) {
  for (const batchSize of ['1', '4096']) {
    test(`EXISTS ${name}, batch size ${batchSize}`, async () => {
      assert.deepEqual(await rows(sql, { config: { 'sluice.batch-size': batchSize } }), [...expected].sort());
    });
  }
}

test('EXPLAIN: the marker MIN(TRUE) grouped by the correlation key, LEFT JOINed, tested with IS NOT NULL', () => {
  const plan = engine().explain('SELECT id, EXISTS (SELECT 1 FROM Customers c WHERE c.cust = o.cust) AS known FROM Orders o');
  assert.match(plan, /Calc\(select=\[id, \(`EXPR\$1` IS NOT NULL\) AS known\]\)/);
  assert.match(plan, /Join\(joinType=\[LeftOuterJoin\], where=\[cust = \$corr0\]/);
  assert.match(plan, /GroupAggregate\(groupBy=\[cust\], select=\[cust, MIN\(TRUE\) AS EXPR\$0\]/);
});

